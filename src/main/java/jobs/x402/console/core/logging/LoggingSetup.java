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
        // JavaFX warns about running from the class path, which is deliberate here (and would reach SLF4J while the
        // window's logging is still being configured)
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        routeJavaUtilLogging();
    }

    private static volatile java.util.concurrent.CountDownLatch backgroundInitialization;
    /** Held so the level sticks: JUL keeps loggers weakly. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /** Reads the logback configuration (a few hundred ms) on the calling thread; {@link #awaitReady()} waits for it. */
    public static void initializeNow() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        backgroundInitialization = done;
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits until an {@link #initializeNow()} running on another thread has finished, so no logger is created
     * mid-initialisation (SLF4J would substitute it and warn). Returns at once when none runs.
     */
    public static void awaitReady() {
        java.util.concurrent.CountDownLatch pending = backgroundInitialization;
        if (pending == null) {
            return;
        }
        try {
            pending.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static synchronized void routeJavaUtilLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
