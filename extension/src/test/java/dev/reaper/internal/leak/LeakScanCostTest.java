package dev.reaper.internal.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Cost is a product metric: the scan of a test that leaked nothing, with a few hundred live threads,
 * must cost tens of microseconds. {@link LeakScanCost} measures it in a fresh JVM (this one has run
 * processes and virtual threads, which would make the numbers about earlier tests); the numbers are
 * printed to this test's output file. It fails only far above the target, so that an expensive look
 * slipping onto the hot path is caught without making the build flaky.
 */
class LeakScanCostTest {

    private static final Pattern MEDIAN = Pattern.compile("^LEAK SCAN COST: JDK \\d+, (.*?), \\d+ live platform"
            + " threads: .*\\(median (\\d+) ns\\)$");

    @Test
    void aScanThatFindsNothingCostsMicroseconds() throws Exception {
        Path output = Files.createTempFile("reaper-leak-cost", ".txt");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LeakScanCost.class.getName(), "300")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("measuring JVM ended").isTrue();
            List<String> lines = Files.readAllLines(output);
            lines.forEach(System.out::println);
            assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();

            assertThat(medianNanos(lines, "no leak")).as("no-leak scan, median ns").isLessThan(200_000);
            if (Runtime.version().feature() >= 21) {
                assertThat(medianNanos(lines, "no leak, carrier threads present (a virtual thread ran)"))
                        .as("no-leak scan with carrier threads present: no thread dump").isLessThan(200_000);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static long medianNanos(List<String> lines, String what) {
        for (String line : lines) {
            Matcher matcher = MEDIAN.matcher(line);
            if (matcher.matches() && matcher.group(1).equals(what)) {
                return Long.parseLong(matcher.group(2));
            }
        }
        throw new AssertionError("no measurement \"" + what + "\" in " + lines);
    }
}
