package jobs.x402.console.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import jobs.x402.console.selfcheck.ToolkitProbe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The self-check's JavaFX part: starts the toolkit (or joins the running one), opens the real main window with its
 * FXML, theme and icon font, waits for one rendered pulse and closes it again. Found through ServiceLoader.
 */
public final class JavaFxToolkitProbe implements ToolkitProbe {

    @Override
    public String renderMainWindowOnce(Duration timeout) throws Exception {
        CompletableFuture<String> rendered = new CompletableFuture<>();
        Runnable render = () -> {
            try {
                render(rendered);
            } catch (Throwable failure) {
                rendered.completeExceptionally(failure);
            }
        };
        boolean startedHere;
        try {
            Platform.startup(render);
            startedHere = true;
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(render);
            startedHere = false;
        } catch (RuntimeException noDisplay) { // Glass reports "Unable to open DISPLAY" this way
            throw new IllegalStateException("the toolkit cannot open a display (" + noDisplay.getMessage()
                    + "): run it in a desktop session, or under xvfb-run on a server", noDisplay);
        }
        try {
            return rendered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            if (startedHere) {
                Platform.exit();
            }
        }
    }

    private static void render(CompletableFuture<String> rendered) throws Exception {
        Stage stage = new Stage();
        ConsoleApp.Window window = ConsoleApp.open(stage, jobs.x402.console.session.ConsoleEnvironment.system());
        Scene scene = stage.getScene();
        Runnable[] afterPulse = new Runnable[1];
        afterPulse[0] = () -> {
            scene.removePostLayoutPulseListener(afterPulse[0]);
            String description = "JavaFX " + System.getProperty("javafx.runtime.version") + ": main window "
                    + Math.round(scene.getWidth()) + "x" + Math.round(scene.getHeight()) + " rendered";
            Platform.runLater(() -> {
                stage.close();
                window.tasks().shutdown();
                rendered.complete(description);
            });
        };
        scene.addPostLayoutPulseListener(afterPulse[0]);
    }
}
