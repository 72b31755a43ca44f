package bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a forked test's time goes: a worker runs each test as a launcher run of its own, selected by
 * unique ID. The same done here, in this JVM, for the same tests: one launcher run per test, with plain
 * JUnit and with Reaper in thread isolation (what the worker's own Reaper does). The difference to the
 * fork variant is the channel, the parent's side and the worker JVM itself.
 */
final class ForkAnatomy {

    private final int rounds;

    ForkAnatomy(int rounds) {
        this.rounds = rounds;
    }

    String measure() {
        List<String> ids = Run.of(Variant.PLAIN.configuration(), Overhead.plainClasses(2))
                .requireAllPassed(200, "fork anatomy").tests.stream().map(Run.Test::name).toList();
        // Autodetection with Reaper switched off: what JUnit's ServiceLoader look-up costs by itself.
        Variant autodetectionOnly =
                Variant.reaper("autodetection, reaper.mode=disabled", Map.of("reaper.mode", "disabled"));
        List<Variant> variants = List.of(Variant.PLAIN, autodetectionOnly, Variant.REAPER_THREAD,
                Variant.REAPER_THREAD_LEAKS);
        Map<Variant, List<Double>> perTest = new java.util.LinkedHashMap<>();
        variants.forEach(variant -> perTest.put(variant, new ArrayList<>()));
        for (int round = 0; round < rounds + 1; round++) {
            for (Variant variant : variants) {
                Bench.quiesce();
                long start = System.nanoTime();
                for (String id : ids) {
                    Run.of(variant.configuration(), List.of(selectUniqueId(id))).requireAllPassed(1, "fork anatomy");
                }
                if (round > 0) {
                    perTest.get(variant).add((System.nanoTime() - start) / 1e3 / ids.size());
                }
            }
        }
        StringBuilder table = new StringBuilder()
                .append("**Anatomy of a forked test**: one launcher run per test, selected by unique ID, as a worker does, but in this JVM (")
                .append(rounds).append(" rounds of ").append(ids.size()).append(" tests)\n\n")
                .append(Stats.row("variant", "per test µs, median", "min-max µs"))
                .append(Stats.row("---", "---:", "---:"));
        for (Variant variant : variants) {
            List<Double> values = perTest.get(variant);
            table.append(Stats.row(variant.name(), Stats.us(Stats.median(values)),
                    Stats.us(Stats.min(values)) + "-" + Stats.us(Stats.max(values))));
        }
        return table.append('\n').toString();
    }
}
