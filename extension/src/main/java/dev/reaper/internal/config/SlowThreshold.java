package dev.reaper.internal.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reaper.slow}: when a test still running says where it is, before anything stops it. A share
 * of the test's timeout ({@code 50%}), a duration ({@code 30 s}), or {@code off}.
 */
public final class SlowThreshold {

    static final String ACCEPTED_FORMS = "off, a share of the timeout from 1% to 99% (e.g. \"50%\"), or a duration"
            + " (<number> [ns|μs|ms|s|m|h|d], e.g. \"30 s\")";

    public static final SlowThreshold OFF = new SlowThreshold(0, null);

    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2})\\s*%");

    private final int percent;
    private final Duration after;

    private SlowThreshold(int percent, Duration after) {
        this.percent = percent;
        this.after = after;
    }

    static SlowThreshold parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("off")) {
            return OFF;
        }
        Matcher share = PERCENT.matcher(text);
        if (share.matches()) {
            int percent = Integer.parseInt(share.group(1));
            if (percent >= 1) {
                return new SlowThreshold(percent, null);
            }
        } else {
            Optional<Duration> after = DurationParser.parse(value);
            if (after.isPresent()) {
                return new SlowThreshold(0, after.get());
            }
        }
        throw new InvalidConfigurationException(ConfigKeys.SLOW, value, ACCEPTED_FORMS);
    }

    /** Without the key: on at half the timeout in CI ({@code CI=true}, as GitHub Actions and most CI set), else off. */
    static SlowThreshold byDefault(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.get("CI")) ? new SlowThreshold(50, null) : OFF;
    }

    /** How long into an invocation with {@code timeout} it counts as slow; empty when never before its deadline. */
    public Optional<Duration> of(Duration timeout) {
        Duration at = after != null ? after : percent > 0 ? timeout.multipliedBy(percent).dividedBy(100) : null;
        return at == null || at.compareTo(timeout) >= 0 ? Optional.empty() : Optional.of(at);
    }

    @Override
    public String toString() {
        return after != null ? after.toString() : percent > 0 ? percent + "%" : "off";
    }
}
