package jobs.x402.console;

import jobs.x402.console.cli.CliContext;
import jobs.x402.console.cli.ConsoleCli;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.logging.LoggingSetup;

import java.util.Arrays;
import java.util.List;

/**
 * The jar's main class. It must not extend javafx Application (the JavaFX runtime check would refuse to start from a
 * class path); no arguments or {@code gui} open the window, anything else runs the CLI.
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * The JavaFX toolkit takes most of a second to start and leaves a core idle meanwhile: configure logging and load
     * the window's heaviest classes on that core, so the FX thread finds them ready.
     */
    private static void warmUpWhileTheToolkitStarts() {
        Thread warmUp = new Thread(() -> {
            LoggingSetup.initializeNow();
            for (String name : List.of("javafx.fxml.FXMLLoader", "org.kordamp.ikonli.javafx.FontIcon",
                    "org.kordamp.ikonli.feather.Feather", "atlantafx.base.theme.PrimerLight",
                    "jobs.x402.console.ui.shell.MainWindowController",
                    "jobs.x402.console.ui.overview.OverviewController", "javafx.scene.control.TableView",
                    "javafx.scene.control.ListView", "javafx.scene.control.ScrollPane")) {
                try {
                    // load, do not initialize: JavaFX classes may only initialize once the toolkit runs
                    Class.forName(name, false, Launcher.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return; // only a warm-up: the window loads what it needs anyway
                }
            }
        }, "window-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** On Linux the GTK toolkit dies with a native error without a display; say it plainly instead. */
    private static boolean hasNoDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        boolean monocle = "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));
        return linux && !monocle && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        boolean verbose = arguments.contains("--verbose") || arguments.contains("-v");
        LoggingSetup.configure(ConsoleHome.fromEnvironment().logDir(), verbose);
        List<String> rest = arguments.stream().filter(a -> !a.equals("--verbose") && !a.equals("-v")).toList();
        if (rest.isEmpty() || rest.get(0).equals("gui")) {
            if (hasNoDisplay()) {
                System.err.println("error: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset)");
                System.err.println("  what to do: run it in a desktop session, or use the command line: --help");
                System.exit(jobs.x402.console.core.ExitCode.USAGE.code());
                return;
            }
            warmUpWhileTheToolkitStarts();
            try {
                jobs.x402.console.ui.ConsoleApp.launchWindow(rest.isEmpty() ? new String[0]
                        : rest.subList(1, rest.size()).toArray(String[]::new));
            } catch (UnsupportedOperationException | IllegalStateException noDisplay) {
                // DISPLAY is set but nothing answers there (a closed X server, an ssh session without forwarding)
                System.err.println("error: the window cannot open a display: " + noDisplay.getMessage()
                        + " (DISPLAY=" + System.getenv("DISPLAY") + ")");
                System.err.println("  what to do: run it in a desktop session, or use the command line: --help");
                System.exit(jobs.x402.console.core.ExitCode.USAGE.code());
            }
            return;
        }
        int exitCode = new ConsoleCli(CliContext.system()).run(args);
        System.exit(exitCode);
    }
}
