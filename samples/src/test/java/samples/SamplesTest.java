package samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every sample ends as the README says: {@code mvn verify} proves the documentation. */
class SamplesTest {

    @Test
    void everySampleEndsAsDocumented() {
        List<SampleRun.Sample> samples = SampleRun.run();
        System.out.print(SampleRun.report(samples));

        assertThat(samples).hasSizeGreaterThanOrEqualTo(11);
        assertThat(samples).allSatisfy(sample -> assertThat(sample.actual()).as(sample.test()).isEqualTo(sample.expected()));
        assertThat(samples).filteredOn(sample -> sample.expected().equals("zombie"))
                .allSatisfy(sample -> assertThat(sample.hung().orElseThrow().deadlock()).isPresent());
    }
}
