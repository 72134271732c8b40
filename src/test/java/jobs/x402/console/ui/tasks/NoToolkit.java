package jobs.x402.console.ui.tasks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view-model tests run in their own JVM (see the pom's view-models-without-toolkit execution); this checks that
 * nothing they drove started JavaFX there, so "works without a toolkit" is proven, not assumed.
 */
public final class NoToolkit {
    private NoToolkit() {
    }

    public static void assertNotStarted() {
        assertThat(Thread.getAllStackTraces().keySet()).as("threads of this JVM")
                .noneMatch(t -> t.getName().equals("JavaFX Application Thread") || t.getName().startsWith("QuantumRenderer"));
    }
}
