package dev.reaper.internal.leak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Only a class Spring's extension runs reads Spring's context cache: a plain class beside it never has its
 * leaks taken for a context's.
 */
class SpringContextsTest {

    @Configuration
    static class Empty {
    }

    @SpringJUnitConfig(Empty.class)
    static class RunBySpring {

        @Nested
        class Inner {
        }
    }

    static class SubclassOfASpringTest extends RunBySpring {
    }

    static class Plain {
    }

    @Test
    void aClassSpringsExtensionRunsReadsTheCache() {
        assertThat(SpringContexts.loaded(RunBySpring.class)).isNotNegative();
        assertThat(SpringContexts.loaded(RunBySpring.Inner.class)).isNotNegative();
        assertThat(SpringContexts.loaded(SubclassOfASpringTest.class)).isNotNegative();
    }

    @Test
    void anyOtherClassDoesNot() {
        assertThat(SpringContexts.loaded(Plain.class)).isEqualTo(SpringContexts.UNKNOWN);
        assertThat(SpringContexts.loaded(null)).isEqualTo(SpringContexts.UNKNOWN);
    }
}
