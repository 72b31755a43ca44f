package samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The main job: runs the hung samples, each demo class with its own configuration, prints what Reaper
 * did to each test, and fails unless every sample ended as the README documents.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        List<SampleRun.Sample> samples = new ArrayList<>();
        for (Class<?> demo : SampleRun.demoClasses()) {
            System.out.println("Reaper samples: running " + demo.getSimpleName() + " " + SampleRun.configuration(demo));
            System.out.flush();
            samples.addAll(SampleRun.run(demo));
        }
        System.out.println();
        System.out.print(SampleRun.report(samples));
        boolean allDocumented = !samples.isEmpty() && samples.stream().allMatch(SampleRun.Sample::asDocumented);
        System.out.flush();
        // halt: the deadlock sample leaves its zombie threads behind, and the leak samples their threads, by design.
        Runtime.getRuntime().halt(allDocumented ? 0 : 1);
    }
}
