package dev.reaper.internal.fork.parent;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reaper.internal.config.ClassDataSharing;
import dev.reaper.internal.process.OwnProcesses;

/**
 * Worker start with and without the class-data-sharing archive ({@code reaper.fork.cds}): the time of
 * {@link Worker#start}, from opening the channel and starting the JVM to the worker's {@code Ready},
 * which it sends after its warm-up test: so a worker's start up to its first test run. In this package
 * to reach the package-private worker. Run it with a class path of jars only (the JVM archives classes
 * from jars only; see {@link WorkerArchive#archivable}), so that the workers get the same:
 *
 * <pre>java -cp reaper-junit.jar:junit-*.jar:...:reaper-benchmarks.jar dev.reaper.internal.fork.parent.WorkerStartBench 11</pre>
 *
 * The archive is trained first if there is none (not timed); then every round starts one worker with
 * it and one without, alternating which goes first, each after a pause and a full GC here.
 */
public final class WorkerStartBench {

    private WorkerStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        List<String> classPath = WorkerCommand.classPath();
        List<String> carried =
                WorkerCommand.carriedJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        int feature = Runtime.version().feature();
        List<String> options = WorkerCommand.withArchive(ClassDataSharing.AUTO, feature, carried, List.of(), classPath,
                WorkerArchive.defaultDirectory(), true);
        long until = System.nanoTime() + 120_000_000_000L;
        long trainingStarted = System.nanoTime();
        while (options.equals(carried) && System.nanoTime() < until && WorkerArchive.archivable(feature, classPath)) {
            Thread.sleep(200);
            options = WorkerCommand.withArchive(ClassDataSharing.AUTO, feature, carried, List.of(), classPath,
                    WorkerArchive.defaultDirectory(), false);
        }
        if (options.equals(carried)) {
            System.out
                    .println("No archive for this class path (a non-empty directory, an agent, or the training failed):"
                            + " reaper.fork.cds=auto changes nothing here.");
        } else {
            System.out.println("archive: " + options.get(0) + " (" + Files.size(Path.of(options.get(0).substring(
                    "-XX:SharedArchiveFile=".length()))) / 1024 + " KiB; trained in "
                    + (System.nanoTime() - trainingStarted) / 1_000_000 + " ms if it was not there)");
        }
        Map<ClassDataSharing, List<Double>> times = new LinkedHashMap<>();
        times.put(ClassDataSharing.OFF, new ArrayList<>());
        times.put(ClassDataSharing.AUTO, new ArrayList<>());
        for (ClassDataSharing mode : times.keySet()) {
            time(mode); // warm-up, discarded: the page cache, this JVM's own code
        }
        for (int round = 0; round < rounds; round++) {
            List<ClassDataSharing> order = new ArrayList<>(times.keySet());
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (ClassDataSharing mode : order) {
                times.get(mode).add(time(mode));
            }
        }
        System.out.println("JDK " + System.getProperty("java.vm.version") + ", " + classPath.size()
                + " class path entries, " + rounds + " rounds");
        System.out.println(
                "| reaper.fork.cds | Worker.start → Ready (after its warm-up test), median ms | max ms | min ms |");
        System.out.println("|---|---:|---:|---:|");
        for (Map.Entry<ClassDataSharing, List<Double>> entry : times.entrySet()) {
            List<Double> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            System.out.printf("| %s | %.0f | %.0f | %.0f |%n", entry.getKey().name().toLowerCase(), median,
                    sorted.get(n - 1), sorted.get(0));
        }
        System.out.println("all (ms): " + times);
    }

    private static double time(ClassDataSharing mode) throws Exception {
        System.gc();
        Thread.sleep(500);
        long started = System.nanoTime();
        Worker worker = Worker.start(List.of(), mode, new OwnProcesses());
        double millis = (System.nanoTime() - started) / 1e6;
        if (!worker.stderrTail().isEmpty()) {
            throw new IllegalStateException("the worker printed: " + worker.stderrTail());
        }
        worker.close();
        return millis;
    }
}
