package jobs.x402.console.selfcheck;

import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;

/** The JavaFX toolkit starts (natives load, a display is there) and the main window renders one frame. */
final class JavaFxToolkitCheck implements StartupCheck {
    private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "javafx";
    }

    @Override
    public String description() {
        return "JavaFX toolkit starts and the main window renders";
    }

    @Override
    public String run() throws Exception {
        Optional<ToolkitProbe> probe = ServiceLoader.load(ToolkitProbe.class, JavaFxToolkitCheck.class.getClassLoader())
                .findFirst();
        if (probe.isEmpty()) {
            throw new IllegalStateException("no " + ToolkitProbe.class.getSimpleName()
                    + " on the class path: the ui classes are missing from this build");
        }
        return probe.get().renderMainWindowOnce(RENDER_TIMEOUT);
    }
}
