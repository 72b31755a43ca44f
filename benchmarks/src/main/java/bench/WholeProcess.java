package bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import bench.suites.Whole;
import dev.reaper.ReaperExtension;

/**
 * The whole process, as a user pays it: each measurement starts a fresh JVM (this JVM's {@code java.home})
 * that runs the suite through the JUnit Console Launcher ({@code org.junit.platform.console.ConsoleLauncher
 * execute}), and is timed from just before the process starts to its exit: JVM start, discovery, every
 * worker JVM of fork isolation, execution, shutdown. The variants differ only in {@code --config}
 * parameters, and the plain JUnit and {@code @Timeout} variants run without Reaper's jar on the class path.
 * All variants run in every round, the order reversed every other round.
 *
 * <p>Each test class's {@code @BeforeAll} stamps its pid and the time ({@link Whole}): from the stamps
 * come the time from process start to the first class beginning, in the test JVM or in a worker (worker
 * start), and how many JVMs ran classes.
 */
final class WholeProcess {

    private static final Pattern SUCCESSFUL = Pattern.compile("\\[\\s*(\\d+) tests successful\\s*]");
    private static final Pattern FAILED = Pattern.compile("\\[\\s*(\\d+) tests failed\\s*]");

    /** One way to run a suite in a fresh JVM. */
    record Case(String suite, String name, boolean reaper, Map<String, String> configuration, List<String> classes,
            int tests) {
    }

    /** One process: its wall time, and when (epoch µs) each class began, in which JVM. */
    record Sample(double millis, double cpuMillis, long pid, long startMicros, List<String[]> stamps) {

        /** Process start to the first class beginning, in any JVM. */
        double firstClassMillis() {
            return stamps.stream().mapToLong(stamp -> Long.parseLong(stamp[2])).min()
                    .stream().mapToDouble(micros -> (micros - startMicros) / 1000.0).findFirst().orElse(Double.NaN);
        }

        long jvms() {
            return stamps.stream().map(stamp -> stamp[0]).distinct().count();
        }

        boolean inWorkers() {
            return stamps.stream().noneMatch(stamp -> Long.parseLong(stamp[0]) == pid);
        }
    }

    /** The worker option README.md suggests for suites of many short tests: no C2 compiler in workers. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private final int warmup;
    private final int rounds;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String withReaper;
    private final String withoutReaper;
    private final int defaultWorkers = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    WholeProcess(int warmup, int rounds) {
        this.warmup = warmup;
        this.rounds = rounds;
        this.withReaper = System.getProperty("java.class.path");
        String reaperJar = location(ReaperExtension.class);
        this.withoutReaper = Arrays.stream(withReaper.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().toString().equals(reaperJar))
                .collect(Collectors.joining(File.pathSeparator));
        if (withoutReaper.equals(withReaper)) {
            throw new IllegalStateException("Reaper (" + reaperJar + ") not found on the class path " + withReaper);
        }
    }

    String measure() throws IOException, InterruptedException {
        List<String> trivial = IntStream.range(0, 10).mapToObj(i -> Whole.class.getName() + "$T" + i).toList();
        List<String> sleepers = IntStream.range(0, 10).mapToObj(i -> Whole.class.getName() + "$S" + i).toList();
        List<String> parameterized = List.of(Whole.P0.class.getName());
        String thousand = "1,000 trivial tests in 10 classes";
        String invocations = "one @ParameterizedTest of 2,000 invocations";
        String sleeping = "10 classes, one test each sleeping 1 s";
        Map<String, String> fork = Map.of("reaper.isolation.default", "fork");
        Map<String, String> forkC1 = with(fork, "reaper.fork.jvmArgs", C1_ONLY);
        String c1 = ", C1 only in workers";
        List<Case> cases = List.of(
                new Case(thousand, "plain JUnit", false, Map.of(), trivial, 1000),
                new Case(thousand, "@Timeout default (1 m, same thread)", false,
                        Map.of("junit.jupiter.execution.timeout.default", "1 m"), trivial, 1000),
                new Case(thousand, "Reaper thread", true, autodetection(Map.of()), trivial, 1000),
                new Case(thousand, "Reaper fork, default workers (" + defaultWorkers + ")", true,
                        autodetection(fork), trivial, 1000),
                new Case(thousand, "Reaper fork, default workers (" + defaultWorkers + ")" + c1, true,
                        autodetection(forkC1), trivial, 1000),
                new Case(thousand, "Reaper fork, reaper.fork.workers=2", true,
                        autodetection(with(fork, "reaper.fork.workers", "2")), trivial, 1000),
                new Case(invocations, "plain JUnit", false, Map.of(), parameterized, 2000),
                new Case(invocations, "Reaper thread", true, autodetection(Map.of()), parameterized, 2000),
                new Case(invocations, "Reaper fork", true, autodetection(fork), parameterized, 2000),
                new Case(invocations, "Reaper fork" + c1, true, autodetection(forkC1), parameterized, 2000),
                new Case(sleeping, "Reaper thread", true, autodetection(Map.of()), sleepers, 10),
                new Case(sleeping, "Reaper fork, reaper.fork.workers=1", true,
                        autodetection(with(fork, "reaper.fork.workers", "1")), sleepers, 10),
                new Case(sleeping, "Reaper fork, reaper.fork.workers=2", true,
                        autodetection(with(fork, "reaper.fork.workers", "2")), sleepers, 10),
                new Case(sleeping, "Reaper fork, reaper.fork.workers=2" + c1, true,
                        autodetection(with(forkC1, "reaper.fork.workers", "2")), sleepers, 10));
        Map<Case, List<Sample>> samples = new LinkedHashMap<>();
        cases.forEach(c -> samples.put(c, new ArrayList<>()));
        for (int round = -warmup; round < rounds; round++) {
            List<Case> order = new ArrayList<>(cases);
            if (Math.floorMod(round, 2) == 1) {
                Collections.reverse(order);
            }
            for (Case c : order) {
                Sample sample = run(c);
                if (round >= 0) {
                    samples.get(c).add(sample);
                }
            }
            System.err.println("bench: whole process, round " + round + " done");
        }
        return report(cases, samples);
    }

    private Sample run(Case c) throws IOException, InterruptedException {
        Path stamps = Files.createTempFile("bench-stamps", ".txt");
        Path output = Files.createTempFile("bench-console", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                    "-cp", c.reaper() ? withReaper : withoutReaper,
                    "org.junit.platform.console.ConsoleLauncher", "execute",
                    "--disable-banner", "--disable-ansi-colors", "--details=summary", "--fail-if-no-tests"));
            c.classes().forEach(name -> command.add("--select-class=" + name));
            c.configuration().forEach((key, value) -> command.add("--config=" + key + "=" + value));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put(Whole.STAMPS, stamps.toString());
            double cpuBefore = childrenCpuMillis();
            long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            double millis = Stats.millis(System.nanoTime() - start);
            double cpuMillis = childrenCpuMillis() - cpuBefore;
            String console = Files.readString(output, StandardCharsets.UTF_8);
            int successful = count(SUCCESSFUL, console);
            int failed = count(FAILED, console);
            if (exit != 0 || successful != c.tests() || failed != 0) {
                throw new IllegalStateException(c.suite() + ", " + c.name() + ": exit " + exit + ", " + successful
                        + " successful, " + failed + " failed, expected " + c.tests() + ":\n" + console);
            }
            List<String[]> lines = Files.readAllLines(stamps).stream().filter(line -> !line.isBlank())
                    .map(line -> line.split(" ")).toList();
            if (lines.size() != c.classes().size()) {
                throw new IllegalStateException(c.name() + ": " + lines.size() + " classes stamped, expected "
                        + c.classes().size());
            }
            return new Sample(millis, cpuMillis, process.pid(), startMicros, lines);
        } finally {
            Files.deleteIfExists(stamps);
            Files.deleteIfExists(output);
        }
    }

    private String report(List<Case> cases, Map<Case, List<Sample>> samples) {
        StringBuilder out = new StringBuilder();
        for (String suite : cases.stream().map(Case::suite).distinct().toList()) {
            List<Case> these = cases.stream().filter(c -> c.suite().equals(suite)).toList();
            double plain = these.stream().filter(c -> c.name().equals("plain JUnit")).findFirst()
                    .map(c -> medianMillis(samples.get(c))).orElse(Double.NaN);
            double thread = these.stream().filter(c -> c.name().equals("Reaper thread")).findFirst()
                    .map(c -> medianMillis(samples.get(c))).orElse(Double.NaN);
            double plainCpu = these.stream().filter(c -> c.name().equals("plain JUnit")).findFirst()
                    .map(c -> Stats.median(cpu(samples.get(c)))).orElse(Double.NaN);
            double threadCpu = these.stream().filter(c -> c.name().equals("Reaper thread")).findFirst()
                    .map(c -> Stats.median(cpu(samples.get(c)))).orElse(Double.NaN);
            double threadMax = these.stream().filter(c -> c.name().equals("Reaper thread")).findFirst()
                    .map(c -> Stats.max(millis(samples.get(c)))).orElse(Double.NaN);
            out.append("**Whole process, ").append(suite).append("** (").append(rounds).append(" runs each after ")
                    .append(warmup).append(" warm-up round, order reversed every other round; a fresh JVM per run ")
                    .append("through the JUnit Console Launcher, process start to exit)\n\n")
                    .append(Stats.row("variant", "median s", "min-max s", "ratio to Reaper thread (median; max to max)",
                            "ratio to plain", "CPU s (user+sys), median", "CPU ratio to Reaper thread / to plain",
                            "process start → first class began, median ms (min-max)",
                            "JVMs that ran classes", "runs in order, s"))
                    .append(Stats.row("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"));
            for (Case c : these) {
                List<Sample> list = samples.get(c);
                List<Double> times = millis(list);
                List<Double> first = list.stream().map(Sample::firstClassMillis).toList();
                double median = Stats.median(times);
                String where = list.stream().allMatch(Sample::inWorkers) ? " (workers)"
                        : list.stream().noneMatch(Sample::inWorkers) ? " (test JVM)" : " (mixed)";
                out.append(Stats.row(c.name(), seconds(median),
                        seconds(Stats.min(times)) + "-" + seconds(Stats.max(times)),
                        Double.isNaN(thread) ? "-"
                                : Stats.ratio(median, thread) + " (" + Stats.ratio(Stats.max(times), threadMax) + ")",
                        Double.isNaN(plain) ? "-" : Stats.ratio(median, plain),
                        seconds(Stats.median(cpu(list))),
                        Stats.ratio(Stats.median(cpu(list)), threadCpu) + " / "
                                + (Double.isNaN(plainCpu) ? "-" : Stats.ratio(Stats.median(cpu(list)), plainCpu)),
                        Stats.ms(Stats.median(first)) + " (" + Stats.range(first) + ")",
                        list.stream().map(Sample::jvms).distinct().map(String::valueOf).collect(Collectors.joining("/"))
                                + where,
                        times.stream().map(WholeProcess::seconds).collect(Collectors.joining(", "))));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * User and system CPU time of this JVM's children that have been waited for (Linux: {@code cutime} and
     * {@code cstime} of {@code /proc/self/stat}, clock ticks taken as 10 ms): a test process and, as it waits
     * for them, its workers. Less sensitive than wall time to other load on a shared machine. NaN elsewhere.
     */
    private static double childrenCpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10.0;
        } catch (IOException | RuntimeException notLinux) {
            return Double.NaN;
        }
    }

    private static List<Double> millis(List<Sample> samples) {
        return samples.stream().map(Sample::millis).toList();
    }

    private static List<Double> cpu(List<Sample> samples) {
        return samples.stream().map(Sample::cpuMillis).toList();
    }

    private static double medianMillis(List<Sample> samples) {
        return Stats.median(millis(samples));
    }

    private static String seconds(double millis) {
        return String.format("%.2f", millis / 1000);
    }

    private static int count(Pattern pattern, String console) {
        Matcher matcher = pattern.matcher(console);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static Map<String, String> autodetection(Map<String, String> settings) {
        return with(settings, Variant.AUTODETECTION, "true");
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(key, value);
        return Map.copyOf(more);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize().toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
