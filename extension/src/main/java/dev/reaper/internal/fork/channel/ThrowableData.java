package dev.reaper.internal.fork.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A throwable on its way from a worker to the parent. Two forms travel: the Java-serialized bytes,
 * which recreate the original exactly (type, fields such as an {@code AssertionFailedError}'s
 * expected and actual values) when its classes load in the parent, and a textual form (class name,
 * message, stack, causes, suppressed) that always works, for the {@link RemoteTestException} stand-in.
 */
public final class ThrowableData {

    /** Bytes beyond this are not worth the trip; an exception this big holds something it should not. */
    static final int MAX_SERIALIZED_BYTES = 8 << 20;

    /** How deep causes and suppressed exceptions are followed for the textual form. */
    static final int MAX_DEPTH = 100;

    /** The textual form of one throwable. {@code message} may be null, as a throwable's may. */
    record Text(String className, String message, List<StackTraceElement> stack, Text cause, List<Text> suppressed) {
        Text {
            Objects.requireNonNull(className, "className");
            stack = List.copyOf(stack);
            suppressed = List.copyOf(suppressed);
        }
    }

    private final byte[] serialized;
    private final String notSerializedBecause;
    private final Text text;

    /** @param serialized null when it did not serialize; then {@code notSerializedBecause} says why. */
    ThrowableData(byte[] serialized, String notSerializedBecause, Text text) {
        if ((serialized == null) == (notSerializedBecause == null)) {
            throw new IllegalArgumentException("either the bytes or the reason there are none");
        }
        this.serialized = serialized;
        this.notSerializedBecause = notSerializedBecause;
        this.text = Objects.requireNonNull(text, "text");
    }

    /** Never throws for a misbehaving throwable: the worker calls it on whatever a test threw. */
    public static ThrowableData of(Throwable throwable) {
        Text text = text(throwable, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        try {
            return new ThrowableData(serialize(throwable), null, text);
        } catch (NotSerializableException e) {
            return new ThrowableData(null, "not serializable, holds a " + e.getMessage(), text);
        } catch (TooLarge e) {
            return new ThrowableData(null, "too large to serialize, over " + (MAX_SERIALIZED_BYTES >> 20) + " MiB",
                    text);
        } catch (Exception | StackOverflowError e) {
            // A custom writeObject that throws, or an object graph too deep to walk.
            return new ThrowableData(null, "not serializable: " + e, text);
        }
    }

    /**
     * The original when its bytes deserialize with {@code loader} (the test class loader); otherwise a
     * {@link RemoteTestException} tree standing in for it, each node saying why.
     */
    public Throwable rebuild(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        String why = notSerializedBecause;
        if (serialized != null) {
            try {
                return deserialize(loader);
            } catch (ClassNotFoundException e) {
                why = text.className().equals(e.getMessage())
                        ? "class not loadable in the test JVM"
                        : "class " + e.getMessage() + " not loadable in the test JVM";
            } catch (InvalidClassException e) {
                why = "class " + (e.classname == null ? "" : e.classname + " ") + "differs in the test JVM";
            } catch (Exception | LinkageError e) {
                // Whatever the classes' own readObject or static initializers do: fall back, never fail.
                why = "not deserializable: " + e;
            }
        }
        return standIn(text, why);
    }

    byte[] serialized() {
        return serialized;
    }

    String notSerializedBecause() {
        return notSerializedBecause;
    }

    Text text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ThrowableData that
                && Arrays.equals(serialized, that.serialized)
                && Objects.equals(notSerializedBecause, that.notSerializedBecause)
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(serialized) + text.hashCode();
    }

    @Override
    public String toString() {
        return "ThrowableData[" + text.className() + (text.message() == null ? "" : ": " + text.message())
                + (serialized == null ? ", " + notSerializedBecause : ", " + serialized.length + " serialized bytes")
                + "]";
    }

    /** Like {@code printStackTrace}, visits each throwable once, so a cause cycle ends. */
    private static Text text(Throwable throwable, Set<Throwable> seen, int depth) {
        seen.add(throwable);
        String message = guarded(throwable::getMessage, e -> "<getMessage() threw " + e + ">");
        List<StackTraceElement> stack = guarded(() -> asPrinted(throwable.getStackTrace()), e -> List.of());
        Throwable cause = guarded(throwable::getCause, e -> null);
        Text causeText = cause != null && depth < MAX_DEPTH && !seen.contains(cause) ? text(cause, seen, depth + 1)
                : null;
        List<Text> suppressed = new ArrayList<>();
        for (Throwable each : throwable.getSuppressed()) {
            if (depth < MAX_DEPTH && !seen.contains(each)) {
                suppressed.add(text(each, seen, depth + 1));
            }
        }
        return new Text(throwable.getClass().getName(), message, stack, causeText, suppressed);
    }

    /**
     * The JDK prints {@code at com.acme.Foo.bar(Foo.java:1)}, leaving out the {@code app} loader and
     * the version of JDK modules, but only for elements it filled in itself: the same values through
     * the public constructor print as {@code at app//com.acme.Foo.bar}. So each element travels with
     * only the parts its own {@code toString} shows, and the stand-in prints as the original did.
     */
    private static List<StackTraceElement> asPrinted(StackTraceElement[] stack) {
        List<StackTraceElement> printed = new ArrayList<>(stack.length);
        for (StackTraceElement element : stack) {
            printed.add(asPrinted(element));
        }
        return printed;
    }

    private static StackTraceElement asPrinted(StackTraceElement element) {
        String shown = element.toString();
        for (int drop = 0; drop < 4; drop++) {
            StackTraceElement candidate = new StackTraceElement((drop & 1) == 0 ? element.getClassLoaderName() : null,
                    element.getModuleName(), (drop & 2) == 0 ? element.getModuleVersion() : null,
                    element.getClassName(), element.getMethodName(), element.getFileName(), element.getLineNumber());
            if (candidate.toString().equals(shown)) {
                return candidate;
            }
        }
        return element;
    }

    /** Getters are overridable; one that throws must not cost the whole failure. */
    private static <T> T guarded(Supplier<T> getter, Function<RuntimeException, T> fallback) {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            return fallback.apply(e);
        }
    }

    private static byte[] serialize(Throwable throwable) throws IOException {
        BoundedBytes bytes = new BoundedBytes();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(throwable);
        }
        return bytes.toByteArray();
    }

    /*
     * Only bytes from an authenticated worker of this build, which runs the same test code the parent
     * already trusts, get here, so no deserialization filter beyond the class loader is needed.
     */
    private Throwable deserialize(ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), loader)) {
            Object object = in.readObject();
            if (object instanceof Throwable rebuilt) {
                return rebuilt;
            }
            throw new InvalidClassException(object.getClass().getName(), "not a Throwable");
        }
    }

    private static RemoteTestException standIn(Text text, String why) {
        RemoteTestException standIn = new RemoteTestException(text.className(), text.message(), why,
                text.stack().toArray(StackTraceElement[]::new),
                text.cause() == null ? null : standIn(text.cause(), why));
        for (Text suppressed : text.suppressed()) {
            standIn.addSuppressed(standIn(suppressed, why));
        }
        return standIn;
    }

    /** Resolves classes through the test class loader, not the loader of whoever called readObject. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {

        private static final Map<String, Class<?>> PRIMITIVES = Map.of(
                "boolean", boolean.class, "byte", byte.class, "char", char.class, "short", short.class,
                "int", int.class, "long", long.class, "float", float.class, "double", double.class,
                "void", void.class);

        private final ClassLoader loader;

        LoaderObjectInputStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass descriptor) throws ClassNotFoundException {
            Class<?> primitive = PRIMITIVES.get(descriptor.getName());
            return primitive != null ? primitive : Class.forName(descriptor.getName(), false, loader);
        }
    }

    /** Fails the serialization once it passes the limit, instead of growing until the heap is gone. */
    private static final class BoundedBytes extends ByteArrayOutputStream {

        @Override
        public synchronized void write(int b) {
            ensureRoom(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            ensureRoom(len);
            super.write(b, off, len);
        }

        private void ensureRoom(int more) {
            if (count + (long) more > MAX_SERIALIZED_BYTES) {
                throw new TooLarge();
            }
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
