package jobs.x402.console.core.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.nio.file.Path;

/**
 * Configures logging before the first logger exists: the log file goes to the user's data directory, the terminal
 * only hears warnings unless --verbose, and java.util.logging (Liquibase) is routed into SLF4J.
 */
public final class LoggingSetup {
    public static final String LOG_DIR_PROPERTY = "x402.console.logDir";
    public static final String CONSOLE_LEVEL_PROPERTY = "x402.console.consoleLevel";

    private LoggingSetup() {
    }

    public static void configure(Path logDirectory, boolean verbose) {
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(LOG_DIR_PROPERTY, logDirectory.toAbsolutePath().toString());
        }
        if (System.getProperty(CONSOLE_LEVEL_PROPERTY) == null) {
            System.setProperty(CONSOLE_LEVEL_PROPERTY, verbose ? "DEBUG" : "WARN");
        }
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.setProperty("liquibase.analytics.enabled", "false");
        routeJavaUtilLogging();
    }

    public static synchronized void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
