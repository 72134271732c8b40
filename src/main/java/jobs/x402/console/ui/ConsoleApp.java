package jobs.x402.console.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application; started through {@link jobs.x402.console.Launcher}. */
public class ConsoleApp extends Application {

    public static void launchWindow(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("x402 Operator Console");
        stage.show();
    }
}
