package jobs.x402.console.selfcheck;

import java.time.Duration;

/**
 * Starts the windowing toolkit and renders the main window once. The ui layer implements it (registered through
 * {@link java.util.ServiceLoader}) so this package never imports JavaFX.
 */
public interface ToolkitProbe {
    /** Returns a line describing the toolkit that rendered (versions, pipeline); throws when it cannot render. */
    String renderMainWindowOnce(Duration timeout) throws Exception;
}
