package dev.reaper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.reaper.Deadline;
import dev.reaper.HungTestException;
import dev.reaper.Rung;
import dev.reaper.WorkerExitedException;
import dev.reaper.ZombieException;
import dev.reaper.internal.util.ApiAccess;

/** What {@code dev.reaper} promises beyond what the architecture test checks. */
class PublicApiTest {

    private static final Path API_SOURCES = Path.of("src/main/java/dev/reaper");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "\\n\\s*public (?:static )?(?:final )?(?:abstract )?(class|record|interface|enum|@interface) (\\w+)");

    @Test
    void theExceptionsUsersSeeAreBuiltByReaperOnly() {
        assertThat(HungTestException.class.getConstructors()).isEmpty();
        assertThat(WorkerExitedException.class.getConstructors()).isEmpty();
        assertThat(ZombieException.class.getConstructors()).isEmpty();
    }

    @Test
    void aHungTestExceptionCannotBeAZombieStoppedByARung() {
        assertThatThrownBy(() -> ApiAccess.get().hungTest("message", "T.t()", Duration.ofSeconds(1), Rung.STOP, true,
                Duration.ZERO, "dump", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a zombie was stopped by no rung, not by stop");
        HungTestException zombie = ApiAccess.get().hungTest("message", "T.t()", Duration.ofSeconds(1), null, true,
                Duration.ZERO, "dump", null);
        assertThat(zombie.isZombie()).isTrue();
        assertThat(zombie.stoppedBy()).isEmpty();
    }

    @Test
    void outsideAnyGuardedInvocationTheCurrentDeadlineNeverAsksToStop() throws InterruptedException {
        // This test class is not guarded by Reaper: no deadline is set on this thread.
        assertThat(Deadline.current().isStopRequested()).isFalse();
        assertThat(Deadline.current().remaining()).isGreaterThan(Duration.ofDays(365));
        Deadline[] seen = new Deadline[1];
        Thread child = new Thread(() -> seen[0] = Deadline.current());
        child.start();
        child.join();
        assertThat(seen[0]).isSameAs(Deadline.current());
    }

    @Test
    void everyPublicTypeHasJavadocWithAnExample() throws IOException {
        List<String> without = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(API_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                String source = Files.readString(file);
                Matcher type = PUBLIC_TYPE.matcher(source);
                while (type.find()) {
                    types.add(type.group(2));
                    String before = source.substring(0, type.start());
                    int open = before.lastIndexOf("/**");
                    int close = before.lastIndexOf("*/");
                    String between = open < 0 || close < open ? "" : before.substring(close + 2);
                    boolean attached = open >= 0 && close > open && between.strip().lines()
                            .allMatch(line -> line.strip().startsWith("@"));
                    if (!attached || !before.substring(open, close).contains("<pre>{@code")) {
                        without.add(file.getFileName() + ": " + type.group(2));
                    }
                }
            }
        }
        assertThat(types).contains("Reaper", "ReaperExtension", "Builder", "HungTestException", "ThreadSnapshot",
                "LeakedProcess", "ZombiePolicy", "LeakAction");
        assertThat(without).as("public types without a <pre>{@code ...}</pre> example").isEmpty();
    }
}
