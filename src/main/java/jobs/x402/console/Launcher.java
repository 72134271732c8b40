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

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        boolean verbose = arguments.contains("--verbose") || arguments.contains("-v");
        LoggingSetup.configure(ConsoleHome.fromEnvironment().logDir(), verbose);
        List<String> rest = arguments.stream().filter(a -> !a.equals("--verbose") && !a.equals("-v")).toList();
        if (rest.isEmpty() || rest.get(0).equals("gui")) {
            jobs.x402.console.ui.ConsoleApp.launchWindow(rest.isEmpty() ? new String[0]
                    : rest.subList(1, rest.size()).toArray(String[]::new));
            return;
        }
        int exitCode = new ConsoleCli(CliContext.system()).run(args);
        System.exit(exitCode);
    }
}
