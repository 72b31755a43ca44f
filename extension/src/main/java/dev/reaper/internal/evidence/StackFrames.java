package dev.reaper.internal.evidence;

/** Stack frames as people read them, for every report Reaper writes. */
public final class StackFrames {

    private StackFrames() {
    }

    /**
     * The frames as an exception's stack trace prints them. Frames from {@code ThreadInfo} and (on
     * JDK 17) {@code Thread.getStackTrace()} print as {@code app//com.acme.Foo.bar(Foo.java:3)} and
     * {@code java.base@17.0.15/java.lang.Thread.sleep(Native Method)}; exceptions leave out the
     * built-in class loaders' names and the JDK modules' versions, and so do we, so that the dump,
     * the failure's stack trace and the IDE all show the same lines.
     */
    public static StackTraceElement[] readable(StackTraceElement[] stack) {
        StackTraceElement[] frames = new StackTraceElement[stack.length];
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement frame = stack[i];
            String loader = frame.getClassLoaderName();
            String module = frame.getModuleName();
            boolean jdkModule = module != null && (module.startsWith("java.") || module.startsWith("jdk."));
            frames[i] = new StackTraceElement(
                    "app".equals(loader) || "platform".equals(loader) ? null : loader,
                    module,
                    jdkModule ? null : frame.getModuleVersion(),
                    frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
        }
        return frames;
    }
}
