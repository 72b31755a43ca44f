package bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.reaper.ReaperExtension;

/**
 * The benchmark harness: runs generated-free suites of real test classes through the JUnit Platform
 * Launcher in this JVM, every variant side by side in each round, and prints Markdown tables.
 *
 * <p>Arguments ({@code key=value}): {@code rounds} (9), {@code warmup} (2; the latency section takes one
 * warm-up round, or none with {@code warmup=0}), {@code sections}
 * ({@code overhead,latency,scale,cold,whole}; {@code whole} is the whole-process run, a fresh JVM per
 * measurement through the JUnit Console Launcher, at least 5 runs per variant; {@code overhead-thread} or {@code overhead-fork} for half of
 * {@code overhead}, {@code fork-anatomy} alone; {@code profile} runs Reaper's thread variants only, for JFR,
 * {@code profile-fork} the fork variant, with {@code forkJvmArgs} for its workers), {@code only} (a variant name prefix:
 * measure only those variants, and plain JUnit, in {@code overhead-thread}), {@code out} (a file to write the Markdown to as well).
 *
 * <p>All arguments are joined and split again on whitespace, since Maven hands {@code -Dbench.args} over as
 * one argument: no value can contain a space (one {@code forkJvmArgs} option, a path without spaces in
 * {@code out}), and a later {@code key=} wins over an earlier one.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of("rounds", "9", "warmup", "2",
                "sections", "overhead,latency,scale,cold,whole"));
        // Maven passes -Dbench.args as one argument: split it.
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (!arg.isBlank()) {
                String[] pair = arg.split("=", 2);
                options.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        int rounds = Integer.parseInt(options.get("rounds"));
        int warmup = Integer.parseInt(options.get("warmup"));
        List<String> sections = List.of(options.get("sections").split(","));
        StringBuilder report = new StringBuilder(environment());
        System.out.print(report);
        Overhead overhead = new Overhead(warmup, rounds);
        if (sections.contains("overhead") || sections.contains("overhead-thread")) {
            List<Variant> threadVariants = Stream.of(Variant.PLAIN, Variant.TIMEOUT_SAME_THREAD,
                    Variant.TIMEOUT_SEPARATE_THREAD, Variant.REAPER_THREAD, Variant.REAPER_THREAD_LEAKS)
                    .filter(variant -> variant == Variant.PLAIN || !options.containsKey("only")
                            || variant.name().startsWith(options.get("only")))
                    .toList();
            emit(report, overhead.measure(new Overhead.Suite("2,000 trivial tests", Overhead.plainClasses(20), 2000,
                    threadVariants, 2000)));
            emit(report, overhead.measure(new Overhead.Suite("2,000 trivial tests with @BeforeEach and @AfterEach",
                    Overhead.lifecycleClasses(20), 2000, threadVariants, 2000)));
        }
        // Before anything starts a worker JVM: for a minute after a process ended, the JVM's idle process
        // reaper threads make every leak scan list the child processes (see BENCHMARKS.md).
        if (sections.contains("overhead") || sections.contains("overhead-fork") || sections.contains("fork-anatomy")) {
            emit(report, new ForkAnatomy(Math.max(3, rounds / 2)).measure());
        }
        if (sections.contains("overhead") || sections.contains("overhead-fork")) {
            List<Variant> forkVariants = List.of(Variant.PLAIN, Variant.REAPER_FORK);
            // Fewer rounds: a forked run of 1,000 tests takes seconds.
            Overhead forkOverhead = new Overhead(1, Math.max(3, rounds / 2));
            emit(report, forkOverhead.measure(new Overhead.Suite("1,000 trivial tests, fork isolation",
                    Overhead.plainClasses(10), 1000, forkVariants, 500)));
            // A worker lives as long as its run: in a long suite its JIT has long warmed up (measured: a worker
            // that has run 500 tests takes about twice as long per test as one that has run 3,500).
            emit(report, new Overhead(1, 3).measure(new Overhead.Suite("4,000 trivial tests, fork isolation",
                    Overhead.plainClasses(40), 4000, forkVariants, 500)));
            emit(report,
                    forkOverhead.measure(
                            new Overhead.Suite("1,000 trivial tests with @BeforeEach and @AfterEach, fork isolation",
                                    Overhead.lifecycleClasses(10), 1000, forkVariants, 500)));
        }
        if (sections.contains("latency")) {
            // One warm-up round pays the stop and kill paths' one-time costs; each hang takes long enough that more
            // would only lengthen the run.
            emit(report, new Latency(Math.min(1, warmup), rounds).measure());
        }
        if (sections.contains("scale")) {
            emit(report, new Scale(1, Math.max(3, rounds / 2)).measure());
        }
        if (sections.contains("cold")) {
            emit(report, new ColdStart(rounds).measure());
        }
        if (sections.contains("whole")) {
            // A fresh JVM per run, seconds each: at least 5 runs per variant, 1 warm-up round unless warmup=0.
            emit(report, new WholeProcess(Math.min(1, warmup), Math.max(5, rounds / 2)).measure());
        }
        if (sections.contains("profile-fork")) {
            // For JFR in the workers: forkJvmArgs=-XX:StartFlightRecording=filename=/tmp/worker-%p.jfr
            Variant fork =
                    Variant.REAPER_FORK.with(Map.of("reaper.fork.jvmArgs", options.getOrDefault("forkJvmArgs", "")));
            for (int round = 0; round < rounds; round++) {
                Run.of(fork.configuration(), Overhead.plainClasses(2)).requireAllPassed(200, "profile-fork");
            }
            System.err.println("bench: profile-fork rounds done");
        }
        if (sections.contains("profile")) {
            // For JFR (see BENCHMARKS.md): only Reaper's thread variants, over and over, nothing printed.
            List<Variant> reaper = List.of(Variant.REAPER_THREAD, Variant.REAPER_THREAD_LEAKS);
            for (int round = 0; round < rounds; round++) {
                for (Variant variant : reaper) {
                    Run.of(variant.configuration(), Overhead.plainClasses(20)).requireAllPassed(2000, "profile");
                    Run.of(variant.configuration(), Overhead.lifecycleClasses(20)).requireAllPassed(2000, "profile");
                }
            }
            System.err.println("bench: profile rounds done");
        }
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.err.println("bench: written to " + out.toAbsolutePath());
        }
        System.out.flush();
        // exit, not halt: the shutdown hooks end the worker JVMs and write a JFR recording.
        System.exit(0);
    }

    private static void emit(StringBuilder report, String section) {
        report.append(section);
        System.out.print(section);
        System.out.flush();
    }

    /** A full GC and a moment for background threads (a standby worker starting) to settle; the heap used after, in MB. */
    static double quiesce() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (double) (1 << 20);
    }

    private static String environment() {
        String cpu = firstLine("/proc/cpuinfo", "model name");
        String memory = firstLine("/proc/meminfo", "MemTotal");
        return "## Run of " + LocalDate.now() + "\n\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + memory + "\n"
                + "- JDK: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "\n"
                + "- JUnit Jupiter " + Test.class.getPackage().getImplementationVersion() + "\n"
                + "- Reaper from " + ReaperExtension.class.getProtectionDomain().getCodeSource().getLocation() + "\n"
                + "- JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + "\n\n";
    }

    private static String firstLine(String file, String key) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown " + key);
        } catch (IOException | RuntimeException e) {
            return "unknown " + key;
        }
    }
}
