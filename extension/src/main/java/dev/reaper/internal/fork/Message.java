package dev.reaper.internal.fork;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the parent JVM and a worker JVM say to each other over a {@link Connection}. {@link MessageCodec}
 * puts each on the wire.
 *
 * <p>Every field is required except {@link Finished#throwable()}: a null is caught here, where the
 * sender made it, rather than as a broken frame in the other JVM. Maps are copied, keep their order
 * and are unmodifiable.
 */
sealed interface Message {

    /** Worker to parent, once connected: the worker's process id, so the parent can kill it. */
    record Ready(long pid) implements Message {
    }

    /** Parent to worker: run the test (or container) with this JUnit unique ID and configuration. */
    record Run(String uniqueId, Map<String, String> configuration) implements Message {
        public Run {
            Objects.requireNonNull(uniqueId, "uniqueId");
            configuration = copy(configuration, "configuration");
        }
    }

    /** Worker to parent: text the test wrote to standard output or error, in the order written. */
    record Output(String uniqueId, boolean stderr, String text) implements Message {
        public Output {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Worker to parent: a JUnit report entry published by the test. */
    record ReportEntry(String uniqueId, Map<String, String> entries) implements Message {
        public ReportEntry {
            Objects.requireNonNull(uniqueId, "uniqueId");
            entries = copy(entries, "entries");
        }
    }

    /** Worker to parent: a test or container finished; {@code throwable} is null when there is none. */
    record Finished(String uniqueId, String displayName, Status status, ThrowableData throwable) implements Message {
        public Finished {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Worker to parent: everything the {@link Run} asked for is over. */
    record Done(String requestedUniqueId) implements Message {
        public Done {
            Objects.requireNonNull(requestedUniqueId, "requestedUniqueId");
        }
    }

    /** Parent to worker: finish up and exit. */
    record Shutdown() implements Message {
    }

    /**
     * Worker to parent: Reaper armed a deadline in the worker. The parent knows from it when the worker's
     * own ladder should be done ({@code timeoutMillis + escalationMillis}) and acts after that.
     */
    record Armed(String uniqueId, long timeoutMillis, long escalationMillis) implements Message {
        public Armed {
            Objects.requireNonNull(uniqueId, "uniqueId");
        }
    }

    /** Worker to parent: the invocation behind the last {@link Armed} ended. */
    record Disarmed(String uniqueId) implements Message {
        public Disarmed {
            Objects.requireNonNull(uniqueId, "uniqueId");
        }
    }

    /** Worker to parent, before {@link Done}: do not give this worker another test. */
    record Retire(String reason) implements Message {
        public Retire {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Parent to worker: system properties to set and to clear, so that the worker's match the parent's (see
     * {@link WorkerProperties}). Sent once before the worker warms up, then before a {@link Run} when
     * they changed.
     */
    record SystemProperties(Map<String, String> set, List<String> cleared) implements Message {
        public SystemProperties {
            set = copy(set, "set");
            Objects.requireNonNull(cleared, "cleared");
            cleared.forEach(key -> Objects.requireNonNull(key, "a key of cleared"));
            cleared = List.copyOf(cleared);
        }

        boolean isEmpty() {
            return set.isEmpty() && cleared.isEmpty();
        }
    }

    enum Status { SUCCESSFUL, ABORTED, FAILED, SKIPPED }

    private static Map<String, String> copy(Map<String, String> map, String name) {
        Objects.requireNonNull(map, name);
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, () -> "a key of " + name),
                Objects.requireNonNull(value, () -> name + "[" + key + "]")));
        return Collections.unmodifiableMap(copy);
    }
}
