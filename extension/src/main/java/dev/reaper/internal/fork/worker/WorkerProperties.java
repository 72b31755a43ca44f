package dev.reaper.internal.fork.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.util.WorkerJvm;

/**
 * The system properties a worker is given over the private channel, never on its command line (which
 * other local users can read): what the build set in this JVM with {@code System.setProperty} (Surefire's
 * {@code systemPropertyVariables}, {@code basedir}, Maven's user properties) and tests set since. Not the
 * JVM's description of itself, which the worker has of its own ({@code java.*}, {@code user.dir}, ...), nor
 * what the worker's own {@code -D} options ({@code reaper.fork.jvmArgs}) set, which win.
 *
 * <p>One per worker: it remembers what the worker was sent, so that each test sends only what changed.
 */
public final class WorkerProperties {

    private static final List<String> JVM_PREFIXES = List.of("java.", "jdk.", "sun.", "os.", "file.");

    // user.timezone, user.language, user.country and the like are settings a build sets for its tests: forwarded.
    private static final Set<String> NEVER_FORWARDED = Set.of("user.dir", "user.home", "user.name",
            "line.separator", "path.separator", "native.encoding", "stdout.encoding", "stderr.encoding",
            // Surefire's booter jar, which started this JVM, not the worker.
            "surefire.real.class.path",
            WorkerJvm.PROPERTY);

    private final Set<String> setByWorkerOptions;
    private Map<String, String> sent = Map.of();

    public WorkerProperties(List<String> workerJvmOptions) {
        this.setByWorkerOptions = definedBy(workerJvmOptions);
    }

    /** Whether a property of this JVM is one a worker must have too. */
    static boolean isForwarded(String key) {
        if (NEVER_FORWARDED.contains(key)) {
            return false;
        }
        for (String prefix : JVM_PREFIXES) {
            if (key.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** What changed in {@code properties} since the last call; everything forwarded, the first time. */
    public Message.SystemProperties changes(Properties properties) {
        Map<String, String> now = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key); // null when another thread just cleared it
            if (value != null && isForwarded(key) && !setByWorkerOptions.contains(key)) {
                now.put(key, value);
            }
        }
        Map<String, String> set = new HashMap<>();
        now.forEach((key, value) -> {
            if (!value.equals(sent.get(key))) {
                set.put(key, value);
            }
        });
        List<String> cleared = new ArrayList<>();
        for (String key : sent.keySet()) {
            if (!now.containsKey(key)) {
                cleared.add(key);
            }
        }
        sent = now;
        return new Message.SystemProperties(set, cleared);
    }

    /** In the worker: applies what the parent sent, never touching the JVM's own properties. */
    static void apply(Message.SystemProperties changes) {
        changes.set().forEach((key, value) -> {
            if (isForwarded(key)) {
                System.setProperty(key, value);
            }
        });
        for (String key : changes.cleared()) {
            if (isForwarded(key)) {
                System.clearProperty(key);
            }
        }
    }

    private static Set<String> definedBy(List<String> jvmOptions) {
        Set<String> keys = new HashSet<>();
        for (String option : jvmOptions) {
            if (option.startsWith("-D") && option.length() > 2) {
                int equals = option.indexOf('=');
                keys.add(equals < 0 ? option.substring(2) : option.substring(2, equals));
            }
        }
        return keys;
    }
}
