package dev.reaper.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.reaper.Isolation;
import dev.reaper.LeakAction;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;

class SettingsTest {

    static Settings read(Map<String, String> parameters) {
        return Settings.read(key -> Optional.ofNullable(parameters.get(key)), parameters.keySet());
    }

    @Test
    void defaults() {
        Settings settings = read(Map.of());

        assertThat(settings.testTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.lifecycleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.ladder()).containsExactly(Rung.INTERRUPT, Rung.FLAG, Rung.STOP, Rung.KILL);
        assertThat(settings.mode()).isEqualTo(Mode.DISABLED_ON_DEBUG);
        assertThat(settings.zombies()).isEqualTo(ZombiePolicy.HALT);
        assertThat(settings.isolation()).isEqualTo(Isolation.THREAD);
        assertThat(settings.leaks()).isEqualTo(new LeakSettings(LeakAction.WARN, Duration.ofSeconds(1), List.of()));
    }

    @Test
    void leakKeysAreRead() {
        Settings settings = read(Map.of(
                "reaper.leaks", "Stop",
                "reaper.leaks.linger", "250 ms",
                "reaper.leaks.ignore", " grpc-default-executor-* ,OkHttp ?,Timer-0"));

        assertThat(settings.leaks().action()).isEqualTo(LeakAction.STOP);
        assertThat(settings.leaks().linger()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.leaks().ignore()).containsExactly("grpc-default-executor-*", "OkHttp ?", "Timer-0");
    }

    @Test
    void everyKeyIsRead() {
        Settings settings = read(Map.of(
                "reaper.timeout.default", "5 s",
                "reaper.timeout.lifecycle.default", "2m",
                "reaper.grace", "250 ms",
                "reaper.ladder", "Interrupt , stop",
                "reaper.mode", "enabled",
                "reaper.zombies", "fail-remaining",
                "reaper.isolation.default", "THREAD"));

        assertThat(settings.testTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.lifecycleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.grace()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.ladder()).containsExactly(Rung.INTERRUPT, Rung.STOP);
        assertThat(settings.mode()).isEqualTo(Mode.ENABLED);
        assertThat(settings.zombies()).isEqualTo(ZombiePolicy.FAIL_REMAINING);
    }

    @Test
    void lifecycleTimeoutFollowsTheTestTimeoutUnlessSet() {
        assertThat(read(Map.of("reaper.timeout.default", "7 s")).lifecycleTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "reaper.timeout.default           | five seconds | expected a positive duration: <number> [ns|μs|ms|s|m|h|d]",
            "reaper.timeout.default           | 0 s          | expected a positive duration",
            "reaper.timeout.default           | -5 s         | expected a positive duration",
            "reaper.timeout.lifecycle.default | 5 sec        | expected a positive duration",
            "reaper.grace                     | 0            | expected a positive duration",
            "reaper.grace                     | ''           | expected a positive duration",
            "reaper.ladder                    | interrupt, nuke | expected a comma-separated subset of interrupt, flag, stop, kill, in that order",
            "reaper.ladder                    | stop, interrupt | expected a comma-separated subset of interrupt, flag, stop, kill, in that order",
            "reaper.ladder                    | ''           | expected a comma-separated subset",
            "reaper.mode                      | on           | expected one of enabled, disabled, disabled_on_debug",
            "reaper.zombies                   | ignore       | expected one of continue, fail-remaining, halt",
            "reaper.isolation.default         | process      | expected one of thread, fork",
            "reaper.fork.workers              | 0            | expected a positive whole number",
            "reaper.fork.workers              | many         | expected a positive whole number",
            "reaper.fork.reuse                | yes          | expected true or false",
            "reaper.fork.cds                  | on           | expected one of auto, off",
            "reaper.leaks                     | report       | expected one of off, warn, fail, stop",
            "reaper.leaks.linger              | a while      | expected a positive duration",
            "reaper.leaks.linger              | 0            | expected a positive duration",
            "reaper.leaks.ignore              | a,,b         | expected a comma-separated list of thread-name patterns (* matches any characters, ? one; a process matches by its command line)",
            "reaper.leaks.ignore              | 'pool-*, '   | expected a comma-separated list of thread-name patterns",
            "reaper.leaks.ignore              | ''           | expected a comma-separated list of thread-name patterns",
            "reaper.slow                      | 100%         | expected off, a share of the timeout from 1% to 99%",
            "reaper.slow                      | 0%           | expected off, a share of the timeout from 1% to 99%",
            "reaper.slow                      | soon         | expected off, a share of the timeout from 1% to 99% (e.g. \"50%\"), or a duration",
    })
    void badValuesNameTheKeyTheValueAndTheAcceptedForms(String key, String value, String accepted) {
        assertThatThrownBy(() -> read(Map.of(key, value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid Reaper setting: " + key + " = \"" + value + "\"; ")
                .hasMessageContaining(accepted);
    }

    @Test
    void slowIsAShareOfTheTimeoutADurationOrOff() {
        Duration timeout = Duration.ofSeconds(60);

        assertThat(read(Map.of("reaper.slow", "50%")).slow().of(timeout)).contains(Duration.ofSeconds(30));
        assertThat(read(Map.of("reaper.slow", " 75 % ")).slow().of(timeout)).contains(Duration.ofSeconds(45));
        assertThat(read(Map.of("reaper.slow", "10 s")).slow().of(timeout)).contains(Duration.ofSeconds(10));
        assertThat(read(Map.of("reaper.slow", "2 m")).slow().of(timeout)).as("never at or past the deadline").isEmpty();
        assertThat(read(Map.of("reaper.slow", "OFF")).slow()).isSameAs(SlowThreshold.OFF);
        assertThat(SlowThreshold.byDefault(Map.of("CI", "true")).of(timeout)).contains(Duration.ofSeconds(30));
        assertThat(SlowThreshold.byDefault(Map.of())).isSameAs(SlowThreshold.OFF);
    }

    @Test
    void forkSettings() {
        Settings settings = read(Map.of("reaper.isolation.default", "fork", "reaper.fork.workers", "3",
                "reaper.fork.reuse", "false", "reaper.fork.jvmArgs", " -Xmx256m  -Dfoo=bar ", "reaper.fork.cds",
                " Off "));

        assertThat(settings.isolation()).isEqualTo(Isolation.FORK);
        assertThat(settings.fork()).isEqualTo(new ForkSettings(3, false, List.of("-Xmx256m", "-Dfoo=bar"),
                ClassDataSharing.OFF));
        assertThat(read(Map.of()).fork()).isEqualTo(new ForkSettings(1, true, List.of(), ClassDataSharing.AUTO));
    }

    @Test
    void misspeltKeysAreRejected() {
        assertThatThrownBy(() -> Settings.read(key -> Optional.empty(), Set.of("reaper.timeout.defualt", "junit.x")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown key reaper.timeout.defualt; Reaper reads reaper.timeout.default,");
    }

    @ParameterizedTest
    @CsvSource({"1, PT1S", "1s, PT1S", "1 s, PT1S", "500 ms, PT0.5S", "2 m, PT2M", "1 h, PT1H", "1 d, PT24H",
            "10 μs, PT0.00001S", "3 ns, PT0.000000003S", "7 S, PT7S"})
    void durationsUseJUnitsSyntax(String text, Duration expected) {
        assertThat(DurationParser.parse(text)).contains(expected);
    }

    @Test
    void debuggerIsRecognised() {
        assertThat(Debugger.isJdwpAmong(List.of("-Xmx1g",
                "-agentlib:jdwp=transport=dt_socket,server=n,suspend=y,address=localhost:5005"))).isTrue();
        assertThat(Debugger.isJdwpAmong(List.of("-Xrunjdwp:transport=dt_socket"))).isTrue();
        assertThat(Debugger.isJdwpAmong(List.of("-javaagent:mockito.jar", "-Xmx1g"))).isFalse();
    }
}
