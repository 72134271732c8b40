package jobs.x402.console.ui.shell;

/** An FXML controller of a page in the navigation rail. */
public interface PageController {
    /** Called once after loading, on the FX thread. */
    void attach(ConsoleContext context);

    /** F5: read again in the background. */
    void refresh();
}
