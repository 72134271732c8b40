package jobs.x402.console.ui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.ProfilesApi;
import jobs.x402.console.session.SandboxApi;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.shell.MainWindowController;
import jobs.x402.console.ui.shell.WindowPreferences;
import jobs.x402.console.ui.tasks.FxTaskRunner;
import jobs.x402.console.core.logging.LoggingSetup;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/** The JavaFX application; started through {@link jobs.x402.console.Launcher}. */
public class ConsoleApp extends Application {
    /**
     * Benchmark hook: print the JVM-start-to-first-frame time on stdout; {@code true} then quits, {@code report}
     * keeps the window open (installer/benchmark/FirstPixels.java captures the screen until it shows the window).
     */
    public static final String FIRST_FRAME_PROPERTY = "x402.console.benchmark.firstFrame";

    /**
     * Benchmark hook: once the window is shown, open the sandbox as the "Open sandbox" button does, then print the
     * time from that click to the first frame that shows the Overview's figures ({@code figures-ms}), and from JVM
     * start ({@code start-to-figures-ms}), and quit. What a user waits for, not the service call alone.
     */
    public static final String FIGURES_PROPERTY = "x402.console.benchmark.figures";

    private static boolean firstFrameBenchmark() {
        String mode = System.getProperty(FIRST_FRAME_PROPERTY, "");
        return mode.equals("true") || mode.equals("report");
    }

    private ConsoleContext context;
    private MainWindowController controller;
    private FxTaskRunner tasks;
    private Stage stage;

    public static void launchWindow(String[] args) {
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage primaryStage) throws IOException {
        LoggingSetup.awaitReady(); // the launcher configures logging while the toolkit starts
        ConsoleEnvironment environment = ConsoleEnvironment.system();
        Window window = open(primaryStage, environment);
        this.stage = primaryStage;
        this.context = window.context();
        this.controller = window.controller();
        this.tasks = window.tasks();
        reportFirstFrame(primaryStage.getScene());
        Platform.runLater(() -> chooseStartingTarget(environment));
    }

    /** What the window is made of; tests build it the same way. */
    public record Window(ConsoleContext context, MainWindowController controller, FxTaskRunner tasks) {
    }

    public static Window open(Stage stage, ConsoleEnvironment environment) throws IOException {
        WindowPreferences preferences = WindowPreferences.load(environment.home());
        applyTheme(preferences.dark());
        FxTaskRunner tasks = new FxTaskRunner();
        ConsoleContext context = new ConsoleContext(environment, tasks);
        FXMLLoader loader = new FXMLLoader(ConsoleApp.class.getResource("/fxml/shell/main-window.fxml"));
        Parent root = loader.load();
        MainWindowController controller = loader.getController();
        controller.attach(context, preferences);
        Scene scene = new Scene(root, preferences.width(), preferences.height());
        scene.getStylesheets().add(ConsoleApp.class.getResource("/fxml/console.css").toExternalForm());
        controller.installShortcuts(scene);
        TextFit.install(scene);
        stage.setTitle("x402 Operator Console");
        AppIcons.apply(stage);
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (preferences.x() != null && preferences.y() != null) {
            stage.setX(preferences.x());
            stage.setY(preferences.y());
        }
        stage.setMaximized(preferences.maximized());
        stage.show();
        stage.requestFocus(); // from JavaFX 20 a headless stage does not take focus on show
        return new Window(context, controller, tasks);
    }

    /**
     * AtlantaFX's Primer theme, light or dark, in the binary form it ships (loaded as is instead of 170 KB of CSS
     * parsed before the first frame). The console's own stylesheet uses the theme's colour variables, so it follows.
     */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
    }

    private void reportFirstFrame(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            LoggerFactory.getLogger(ConsoleApp.class).info("First frame {} ms after JVM start", millis);
            if (firstFrameBenchmark()) {
                System.out.println("first-frame-ms=" + millis);
                System.out.flush();
                if (Boolean.getBoolean(FIRST_FRAME_PROPERTY)) {
                    Platform.runLater(Platform::exit);
                }
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private void openSandboxAndReportFigures(Scene scene) {
        long clicked = System.currentTimeMillis();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            javafx.scene.Node figure = scene.lookup("#usersCount");
            if (figure instanceof javafx.scene.control.Label users && users.getText() != null
                    && users.getText().matches("[\\d,]+")) {
                // this pulse laid out the figures; they are on screen once it has rendered
                scene.removePostLayoutPulseListener(listener[0]);
                long now = System.currentTimeMillis();
                System.out.println("figures-ms=" + (now - clicked));
                System.out.println("start-to-figures-ms=" + (now - ManagementFactory.getRuntimeMXBean().getStartTime()));
                System.out.flush();
                Platform.runLater(Platform::exit);
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        controller.openSandboxDirectly();
    }

    /** No profiles yet, or the sandbox last time: open the sandbox at once. Otherwise ask. */
    private void chooseStartingTarget(ConsoleEnvironment environment) {
        if (Boolean.getBoolean(FIGURES_PROPERTY)) {
            openSandboxAndReportFigures(stage.getScene());
            return;
        }
        if (firstFrameBenchmark()) {
            return;
        }
        String last = controller.preferences().lastTarget();
        boolean noProfiles = ProfilesApi.of(environment).list().isEmpty();
        if (WindowPreferences.SANDBOX.equals(last) || (last == null && noProfiles)) {
            controller.openSandboxDirectly();
        } else {
            controller.onConnect();
        }
    }

    @Override
    public void stop() {
        if (controller == null) {
            return;
        }
        WindowPreferences p = controller.preferences();
        new WindowPreferences(stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY(), stage.isMaximized(),
                p.lastTarget(), p.dark()).save(context.environment().home());
        ConsoleSession session = context.session();
        if (session != null) {
            session.close();
        }
        tasks.shutdown();
        // the window owns a sandbox it started itself; one started by `sandbox start` keeps running
        SandboxApi sandbox = SandboxApi.of(context.environment());
        if (sandbox.status().startedByThisProcess()) {
            sandbox.stop(jobs.x402.console.core.ProgressListener.NONE);
        }
    }
}
