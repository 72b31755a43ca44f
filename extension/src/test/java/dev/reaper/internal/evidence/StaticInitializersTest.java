package dev.reaper.internal.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Telling the test's own static initializers from a library's, on stacks written out here. */
class StaticInitializersTest {

    static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, "X.java", 1);
    }

    static StackTraceElement clinit(String className) {
        return frame(className, "<clinit>");
    }

    /** Innermost first, as a stack trace lists them. */
    static StackTraceElement[] stack(StackTraceElement... frames) {
        return frames;
    }

    static class Nested {
    }

    @Test
    void listsTheStaticInitializersOutermostFirstEachOnce() {
        StackTraceElement[] stack = stack(
                frame("com.acme.Pool", "spin"),
                clinit("com.acme.Pool"),
                frame("java.lang.Class", "forName0"),
                clinit("com.acme.Driver"),
                clinit("com.acme.Pool"), // cannot happen twice, but must not be listed twice
                frame("com.acme.DriverTest", "connects"));

        assertThat(StaticInitializers.running(stack)).containsExactly("com.acme.Pool", "com.acme.Driver");
        assertThat(StaticInitializers.foreign(stack, null)).containsExactly("com.acme.Pool", "com.acme.Driver");
    }

    @Test
    void noStaticInitializerNothingForeign() {
        StackTraceElement[] stack = stack(frame("java.lang.Thread", "sleep"), frame("com.acme.DriverTest", "waits"));

        assertThat(StaticInitializers.running(stack)).isEmpty();
        assertThat(StaticInitializers.foreign(stack, StaticInitializersTest.class)).isEmpty();
        assertThat(StaticInitializers.foreign(new StackTraceElement[0], StaticInitializersTest.class)).isEmpty();
    }

    @Test
    void theTestClassItselfAndItsNestedClassesAreItsOwn() {
        StackTraceElement[] stack =
                stack(clinit(Nested.class.getName()), clinit(StaticInitializersTest.class.getName()));

        assertThat(StaticInitializers.foreign(stack, StaticInitializersTest.class)).isEmpty();
    }

    @Test
    void aClassFromTheSameClassPathEntryIsTheTestsOwn() {
        // EvidenceTest lives in target/test-classes, as this test class does.
        StackTraceElement[] stack = stack(clinit(EvidenceTest.class.getName()));

        assertThat(StaticInitializers.foreign(stack, StaticInitializersTest.class)).isEmpty();
    }

    @Test
    void classesFromOtherEntriesFromTheJdkOrNotVisibleAreForeign() {
        StackTraceElement[] stack = stack(
                clinit("com.acme.NotOnTheClassPath"),
                clinit(Test.class.getName()), // a jar of its own
                clinit(StackFrames.class.getName()), // target/classes, not target/test-classes
                clinit(String.class.getName())); // the JDK: no code source

        assertThat(StaticInitializers.foreign(stack, StaticInitializersTest.class)).containsExactly(
                String.class.getName(), StackFrames.class.getName(), Test.class.getName(),
                "com.acme.NotOnTheClassPath");
    }

    @Test
    void aNamesakeFromAnotherClassLoaderIsForeign() {
        // Same name as a class of the test's own entry, but the frame says another loader defined it.
        StackTraceElement namesake = new StackTraceElement("library", null, null, EvidenceTest.class.getName(),
                "<clinit>", "EvidenceTest.java", 1);
        String ownLoader = StaticInitializersTest.class.getClassLoader().getName();
        StackTraceElement same = new StackTraceElement(ownLoader, null, null, EvidenceTest.class.getName(),
                "<clinit>", "EvidenceTest.java", 1);

        assertThat(StaticInitializers.foreign(stack(namesake), StaticInitializersTest.class))
                .containsExactly(EvidenceTest.class.getName());
        assertThat(StaticInitializers.foreign(stack(same), StaticInitializersTest.class)).isEmpty();
    }

    @Test
    void withNoTestClassEveryStaticInitializerIsForeign() {
        StackTraceElement[] stack = stack(clinit(StaticInitializersTest.class.getName()));

        assertThat(StaticInitializers.foreign(stack, null)).containsExactly(StaticInitializersTest.class.getName());
    }

    @Test
    void namesForAMessage() {
        assertThat(StaticInitializers.names(List.of("a.A"))).isEqualTo("a.A");
        assertThat(StaticInitializers.names(List.of("a.A", "b.B"))).isEqualTo("a.A and b.B");
        assertThat(StaticInitializers.names(List.of("a.A", "b.B", "c.C"))).isEqualTo("a.A, b.B and c.C");
    }
}
