package dev.reaper.internal.fork.channel;

/**
 * Stands in for a throwable a forked test ended with that could not be recreated in the test JVM:
 * its class is not loadable there, it differs there, or the throwable was not serializable in the
 * worker. It reads like the original, {@code com.acme.WeirdException: the message (rebuilt by
 * Reaper: ...)}, and carries the original's stack trace and stand-ins for its causes and suppressed
 * exceptions, so a report or IDE shows the same failure.
 */
public final class RemoteTestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String originalClassName;
    private final String originalMessage;

    RemoteTestException(String originalClassName, String originalMessage, String reason,
            StackTraceElement[] stackTrace, Throwable cause) {
        super(originalClassName + (originalMessage == null ? "" : ": " + originalMessage)
                + " (rebuilt by Reaper: " + reason + ")", cause);
        this.originalClassName = originalClassName;
        this.originalMessage = originalMessage;
        setStackTrace(stackTrace);
    }

    /** The binary name of the original throwable's class, e.g. {@code com.acme.WeirdException}. */
    public String originalClassName() {
        return originalClassName;
    }

    /** The original's {@code getMessage()} as it was in the worker; may be null. */
    public String originalMessage() {
        return originalMessage;
    }

    /** The message already names the original class; printing this class's name would only mislead. */
    @Override
    public String toString() {
        return getLocalizedMessage();
    }
}
