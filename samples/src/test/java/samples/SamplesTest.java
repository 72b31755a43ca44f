package samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample ends as the README says: {@code mvn verify} proves the documentation. One dynamic test per
 * demo class, so a sample that strays is named on its own; the whole report is printed at the end.
 */
class SamplesTest {

    private static final List<SampleRun.Sample> ALL = new ArrayList<>();

    @Test
    void theDemosShowEveryWayToUseReaper() {
        assertThat(SampleRun.demoClasses()).extracting(Class::getSimpleName).contains(
                "AnnotationDemo", "ExtendWithDemo", "AutodetectionDemo", "ForkDemo", "CooperativeFlagDemo",
                "LeakWarnDemo", "LeakFailDemo", "LeakStopDemo", "WatchdogDemo");
        assertThat(SampleRun.demoClasses())
                .filteredOn(demo -> SampleRun.configuration(demo)
                        .containsKey("junit.jupiter.extensions.autodetection.enabled"))
                .as("autodetection only in the run of the sample that shows it")
                .extracting(Class::getSimpleName).containsExactly("AutodetectionDemo");
    }

    @TestFactory
    Stream<DynamicTest> everySampleEndsAsDocumented() {
        return SampleRun.demoClasses().stream().map(demo -> DynamicTest.dynamicTest(demo.getSimpleName(), () -> {
            System.out.println("Reaper samples: running " + demo.getSimpleName() + " " + SampleRun.configuration(demo));
            List<SampleRun.Sample> samples = SampleRun.run(demo);
            synchronized (ALL) {
                ALL.addAll(samples);
            }
            System.out.print(SampleRun.lines(samples));

            assertThat(samples).extracting(SampleRun.Sample::test)
                    .as("every documented test of " + demo.getSimpleName() + " ran")
                    .containsExactlyInAnyOrderElementsOf(SampleRun.documentedTests(demo).stream()
                            .map(SamplesTest::name).toList());
            assertThat(samples)
                    .allSatisfy(sample -> assertThat(sample.actual()).as(sample.test()).isEqualTo(sample.expected()));
            assertThat(samples).filteredOn(sample -> sample.expected().equals(SampleRun.HALTED_AS_ZOMBIE))
                    .allSatisfy(sample -> assertThat(sample.details()).as("the deadlock named")
                            .anyMatch(line -> line.startsWith("Deadlock (")));
        }));
    }

    @AfterAll
    static void printTheReport() {
        System.out.println();
        System.out.print(SampleRun.report(ALL));
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }
}
