package dev.reaper.internal.engine;

import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Scopes the Reaper engine's claims to one launcher discovery, so that a later discovery on the same
 * thread (one that excludes the Reaper engine, say) never loses a class. Registered through
 * {@code ServiceLoader}.
 */
public final class ClaimsReset implements LauncherDiscoveryListener {

    /** Created by the launcher. */
    public ClaimsReset() {
    }

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        Claims.clear();
    }

    @Override
    public void launcherDiscoveryFinished(LauncherDiscoveryRequest request) {
        Claims.clear();
    }
}
