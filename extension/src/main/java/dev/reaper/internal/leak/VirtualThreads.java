package dev.reaper.internal.leak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.reaper.internal.util.Json;

/**
 * Virtual threads (JDK 21+), which no thread group holds and {@code Thread.getAllStackTraces()} does not
 * list: only the JSON thread dump of {@code HotSpotDiagnosticMXBean.dumpThreads} shows them. Reached
 * by reflection, as Reaper is compiled for JDK 17.
 *
 * <p>A dump costs milliseconds (the JVM writes a file, we read and parse it), so a scan asks for one
 * only when it can find something (see {@link Attribution}).
 */
final class VirtualThreads {

    /** One thread of the dump, as far as the JDK wrote it (JDK 21 writes no state and no virtual flag). */
    record Dumped(long id, String name, String state, Boolean virtual, List<String> stack) {
    }

    static final boolean SUPPORTED = Runtime.version().feature() >= 21;

    /** Per JVM: numbers the dump files of this JVM's temporary directory, which every run shares. */
    private static final AtomicLong FILES = new AtomicLong();

    private VirtualThreads() {
    }

    /**
     * The virtual threads alive now with an id above {@code idMark}.
     *
     * @param platformIds the live platform threads, to tell them apart where the dump has no virtual flag
     * @return empty when the JDK cannot dump (the reason is in {@link Dumper#FAILURE})
     */
    static Optional<List<Dumped>> newerThan(long idMark, Set<Long> platformIds) {
        Optional<List<Dumped>> all = dump();
        return all.map(threads -> threads.stream()
                .filter(thread -> thread.id() > idMark)
                .filter(thread -> thread.virtual() != null ? thread.virtual() : !platformIds.contains(thread.id()))
                .toList());
    }

    static Optional<List<Dumped>> dump() {
        if (!SUPPORTED || Dumper.FAILURE != null) {
            return Optional.empty();
        }
        Path file = Dumper.DIRECTORY.resolve("threads-" + FILES.incrementAndGet() + ".json");
        try {
            Dumper.DUMP_THREADS.invoke(Dumper.BEAN, file.toString(), Dumper.JSON);
            return Optional.of(threads(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalAccessException | InvocationTargetException | IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the directory is deleted on exit
            }
        }
    }

    /** The threads of every container of a dump (JDK 21 and 25 formats). */
    @SuppressWarnings("unchecked")
    static List<Dumped> threads(String json) {
        Map<String, Object> dump = (Map<String, Object>) ((Map<String, Object>) Json.parse(json)).get("threadDump");
        List<Dumped> threads = new ArrayList<>();
        for (Object container : (List<Object>) dump.get("threadContainers")) {
            Object members = ((Map<String, Object>) container).get("threads");
            if (members == null) {
                continue;
            }
            for (Object member : (List<Object>) members) {
                Map<String, Object> thread = (Map<String, Object>) member;
                Object virtual = thread.get("virtual");
                List<String> stack = new ArrayList<>();
                Object frames = thread.get("stack");
                if (frames instanceof List<?> list) {
                    list.forEach(frame -> stack.add(String.valueOf(frame)));
                }
                threads.add(new Dumped(Long.parseLong(String.valueOf(thread.get("tid"))),
                        String.valueOf(thread.getOrDefault("name", "")), (String) thread.get("state"),
                        virtual instanceof Boolean flag ? flag : null, List.copyOf(stack)));
            }
        }
        return threads;
    }

    /** Looked up when a dump is first needed, once. */
    private static final class Dumper {

        static final Object BEAN;
        static final Method DUMP_THREADS;
        static final Object JSON;
        static final Path DIRECTORY;
        /** Why dumps are unavailable, or null. */
        static final String FAILURE;

        static {
            Object bean = null;
            Method dumpThreads = null;
            Object json = null;
            Path directory = null;
            String failure = null;
            try {
                @SuppressWarnings("unchecked")
                Class<? extends PlatformManagedObject> type = (Class<? extends PlatformManagedObject>) Class
                        .forName("com.sun.management.HotSpotDiagnosticMXBean");
                Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
                bean = ManagementFactory.getPlatformMXBean(type);
                dumpThreads = type.getMethod("dumpThreads", String.class, format);
                for (Object constant : format.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals("JSON")) {
                        json = constant;
                    }
                }
                // dumpThreads refuses to overwrite: a private directory, one new file name per dump.
                directory = Files.createTempDirectory("reaper-threads-");
                directory.toFile().deleteOnExit();
                if (bean == null || json == null) {
                    failure = "HotSpotDiagnosticMXBean or its JSON format is not available";
                }
            } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
                failure = "cannot dump threads: " + e;
            }
            BEAN = bean;
            DUMP_THREADS = dumpThreads;
            JSON = json;
            DIRECTORY = directory;
            FAILURE = failure;
        }
    }
}
