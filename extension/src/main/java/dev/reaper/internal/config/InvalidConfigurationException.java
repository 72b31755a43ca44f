package dev.reaper.internal.config;

import org.junit.platform.commons.JUnitException;

/**
 * A Reaper setting with a value it cannot use. The message names where the value came from (the
 * configuration key or the annotation attribute), the value, and the accepted forms, so that the
 * fix is obvious from the failed test alone.
 */
public final class InvalidConfigurationException extends JUnitException {

    private static final long serialVersionUID = 1L;

    InvalidConfigurationException(String source, String value, String accepted) {
        super("Invalid Reaper setting: " + source + " = \"" + value + "\"; expected " + accepted);
    }

    InvalidConfigurationException(String message) {
        super("Invalid Reaper setting: " + message);
    }
}
