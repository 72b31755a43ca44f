package dev.reaper.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one test class in a child JVM through the JUnit Platform Launcher, as Surefire or an IDE would,
 * and prints one line per finished test: {@code RESULT <display name> <status> <message>}, and per
 * skipped test or class: {@code SKIPPED <display name> <reason>}.
 *
 * <p>Arguments: the class name (or names, separated by commas), then {@code key=value} configuration parameters.
 * With {@code -Dlaunch.sessions=2} it runs them twice, in two launcher sessions one after the other, each
 * announced with a line {@code SESSION <n>}.
 */
public final class LaunchMain {

    public static void main(String[] args) throws Exception {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            parameters.put(pair[0], pair[1]);
        }
        List<ClassSelector> classes = new ArrayList<>();
        for (String name : args[0].split(",")) {
            classes.add(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(classes)
                .configurationParameters(parameters)
                .build();
        int sessions = Integer.getInteger("launch.sessions", 1);
        for (int session = 1; session <= sessions; session++) {
            if (sessions > 1) {
                System.out.println("SESSION " + session);
            }
            execute(request);
        }
        System.out.println("LAUNCHER DONE");
    }

    /** In a launcher session of its own, as {@code LauncherFactory.create()} opens one per request. */
    private static void execute(LauncherDiscoveryRequest request) {
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                System.out.println("SKIPPED " + test.getDisplayName() + " " + reason);
                System.out.flush();
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    System.out.println("RESULT " + test.getDisplayName() + " " + result.getStatus() + " "
                            + result.getThrowable().map(t -> t.getClass().getSimpleName() + ": "
                                    + t.getMessage().lines().findFirst().orElse("")).orElse(""));
                    System.out.flush();
                }
            }
        });
    }
}
