package jobs.x402.console.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view-model tests run in their own JVM (see the pom's view-models-without-toolkit execution); this checks that
 * nothing they drove started JavaFX there, so "works without a toolkit" is proven, not assumed. When a toolkit was
 * already running as a test class began (a -Dtest run that mixes in TestFX tests), there is nothing to prove.
 */
public final class NoToolkit {
    private NoToolkit() {
    }

    public static boolean isRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(
                "JavaFX Application Thread") || t.getName().startsWith("QuantumRenderer"));
    }

    /** @param runningBefore {@link #isRunning()} as the test class began */
    public static void assertNotStarted(boolean runningBefore) {
        if (!runningBefore) {
            assertThat(isRunning()).as("a JavaFX toolkit started while the view models ran").isFalse();
        }
    }
}
