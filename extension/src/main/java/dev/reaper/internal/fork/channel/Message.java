package dev.reaper.internal.fork.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.reaper.Rung;

/**
 * What the parent JVM and a worker JVM say to each other over a {@link Connection}. {@link MessageCodec}
 * puts each on the wire.
 *
 * <p>Every field is required except {@link Finished#throwable()}: a null is caught here, where the
 * sender made it, rather than as a broken frame in the other JVM. Maps are copied, keep their order
 * and are unmodifiable.
 */
public sealed interface Message {

    /** Worker to parent, once connected: the worker's process id, so the parent can kill it. */
    record Ready(long pid) implements Message {
    }

    /**
     * Parent to worker: run what these JUnit unique IDs select (a class's tests, or one test), with this
     * configuration, in one launcher run; {@code id} names the request in its {@link Done}.
     */
    record Run(String id, List<String> selectors, Map<String, String> configuration) implements Message {
        public Run {
            Objects.requireNonNull(id, "id");
            selectors = copy(selectors, "selectors");
            configuration = copy(configuration, "configuration");
        }

        /** One test or container, selected by its unique ID, which also names the request. */
        public Run(String uniqueId, Map<String, String> configuration) {
            this(uniqueId, List.of(uniqueId), configuration);
        }
    }

    /** Worker to parent: JUnit started the test or container. */
    record Started(String uniqueId) implements Message {
        public Started {
            Objects.requireNonNull(uniqueId, "uniqueId");
        }
    }

    /** Worker to parent: JUnit skipped the test or container (a condition, {@code @Disabled}). */
    record Skipped(String uniqueId, String reason) implements Message {
        public Skipped {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Worker to parent: a dynamic test or container was registered (a test factory's, a parameterized
     * test's invocation). {@code source} is the Java-serialized {@code TestSource} in Base64, or empty.
     */
    record Dynamic(String uniqueId, String parentId, String displayName, String legacyName, String type,
            String source, List<String> tags) implements Message {
        public Dynamic {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(legacyName, "legacyName");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(source, "source");
            tags = copy(tags, "tags");
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
     * own ladder should be done ({@code timeoutMillis + escalationMillis}) and acts after that: kills the
     * worker when {@code killable} (the ladder has {@code kill}), else retires it. {@code ladder} is the
     * invocation's own, as its annotations and the configuration gave it, for the parent's messages.
     */
    record Armed(String uniqueId, long timeoutMillis, long escalationMillis, boolean killable, List<Rung> ladder)
            implements
                Message {
        public Armed {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(ladder, "ladder");
            ladder.forEach(rung -> Objects.requireNonNull(rung, "a rung of ladder"));
            ladder = List.copyOf(ladder);
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
     * {@code WorkerProperties}). Sent once before the worker warms up, then before a {@link Run} when
     * they changed.
     */
    record SystemProperties(Map<String, String> set, List<String> cleared) implements Message {
        public SystemProperties {
            set = copy(set, "set");
            Objects.requireNonNull(cleared, "cleared");
            cleared.forEach(key -> Objects.requireNonNull(key, "a key of cleared"));
            cleared = List.copyOf(cleared);
        }

        public boolean isEmpty() {
            return set.isEmpty() && cleared.isEmpty();
        }
    }

    enum Status { SUCCESSFUL, ABORTED, FAILED, SKIPPED }

    private static List<String> copy(List<String> list, String name) {
        Objects.requireNonNull(list, name);
        list.forEach(value -> Objects.requireNonNull(value, () -> "a value of " + name));
        return List.copyOf(list);
    }

    private static Map<String, String> copy(Map<String, String> map, String name) {
        Objects.requireNonNull(map, name);
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, () -> "a key of " + name),
                Objects.requireNonNull(value, () -> name + "[" + key + "]")));
        return Collections.unmodifiableMap(copy);
    }
}
