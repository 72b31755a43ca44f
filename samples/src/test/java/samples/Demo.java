package samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main job: runs the hung samples, each demo class with its own configuration, prints what Reaper
 * did to each test, and fails unless every sample ended as the README documents.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws IOException {
        // A fresh report directory: the summary printed after this run is this run's alone.
        Path reports = Path.of("target", "reaper");
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.walk(reports)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
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
        // halt: the leak samples leave their threads running, by design.
        Runtime.getRuntime().halt(allDocumented ? 0 : 1);
    }
}
