package dev.reaper.internal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurefireCheckTest {

    @ParameterizedTest
    @CsvSource({
            "2.22.2, false", "3.0.0-M5, false", "3.0.0-M6, true", "3.0.0-M9, true", "3.0.0, true", "3.2.5, true",
            "3.5.5, true", "3.5.6, false", "3.6.0, false", "4.0.0-beta-1, false", "not-a-version, false"})
    void onlyTheReleasesWhoseForkTimeoutDoesNotKillAreWarnedAbout(String version, boolean warned) {
        assertThat(SurefireCheck.timeoutDoesNotKill(version)).isEqualTo(warned);
    }
}
