package bench;

import java.util.Arrays;
import java.util.List;

/** Medians, and the formatting of the tables. */
final class Stats {

    private Stats() {
    }

    static double median(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double min(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static String ms(double millis) {
        return String.format("%.1f", millis);
    }

    static String us(double micros) {
        return String.format("%.1f", micros);
    }

    static String ratio(double value, double base) {
        return String.format("%.2f", value / base);
    }

    static String range(List<? extends Number> values) {
        return ms(min(values)) + "-" + ms(max(values));
    }

    static String row(Object... cells) {
        return "| " + String.join(" | ", Arrays.stream(cells).map(String::valueOf).toList()) + " |\n";
    }
}
