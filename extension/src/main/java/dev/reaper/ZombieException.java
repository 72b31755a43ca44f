package dev.reaper;

import org.junit.platform.commons.JUnitException;

/** Fails a test that was not run because an earlier test of this JVM is a zombie. */
public final class ZombieException extends JUnitException {

    private static final long serialVersionUID = 1L;

    public ZombieException(String message) {
        super(message);
    }
}
