package jobs.x402.console.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/** The baseline of the first-frame benchmark: the smallest JavaFX window, measured the same way as the console. */
public class HelloWindow extends Application {
    public static void main(String[] args) {
        Application.launch(HelloWindow.class, args);
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new Label("hello"), 1280, 820);
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            System.out.println("first-frame-ms="
                    + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
            if (!"report".equals(System.getProperty("x402.console.benchmark.firstFrame"))) {
                Platform.runLater(Platform::exit); // "report": stays open for the screen capture
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        stage.setScene(scene);
        stage.show();
    }
}
