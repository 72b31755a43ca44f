package samples;

import java.util.List;

/**
 * The main job: runs the hung samples, prints what Reaper did to each, and fails unless every sample
 * ended as the README documents.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        List<SampleRun.Sample> samples = SampleRun.run();
        System.out.println();
        System.out.print(SampleRun.report(samples));
        boolean allDocumented = !samples.isEmpty() && samples.stream().allMatch(SampleRun.Sample::asDocumented);
        System.out.flush();
        // halt: the deadlock sample leaves its zombie threads behind, by design.
        Runtime.getRuntime().halt(allDocumented ? 0 : 1);
    }
}
