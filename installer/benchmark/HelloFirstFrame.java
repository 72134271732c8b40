package hello;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/**
 * The benchmark's baseline: the smallest JavaFX window, packaged exactly like the console (same runtime modules,
 * same AppCDS treatment). Prints {@code first-frame-ms=N} (JVM start to first pulse, measured like the console's
 * ConsoleApp) and exits. Like the console, the main class does not extend Application.
 */
public final class HelloFirstFrame {
    private HelloFirstFrame() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new StackPane(new Label("Hello")), 800, 600);
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                scene.removePostLayoutPulseListener(listener[0]);
                long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("first-frame-ms=" + millis);
                System.out.flush();
                if (!"report".equals(System.getProperty("x402.console.benchmark.firstFrame"))) {
                    Platform.runLater(Platform::exit); // "report": stays open for the screen capture
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            stage.setTitle("Hello");
            stage.setScene(scene);
            stage.show();
        }
    }
}
