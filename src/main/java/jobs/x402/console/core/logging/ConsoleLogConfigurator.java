package jobs.x402.console.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's logging configuration in code, found by logback through {@code META-INF/services}: a quiet terminal
 * (warnings, or everything from {@code --verbose}) and a detailed rolling file in the user's data directory, every line
 * passing the secret masks ({@link SecretPatterns}).
 *
 * <p>Why code rather than logback.xml: reading XML loads an XML parser and logback's model framework (several hundred
 * classes, 100–400 ms of CPU) while the window's toolkit starts on the other core of a 2-core machine. An operator's
 * own {@code -Dlogback.configurationFile} still wins: this configurator then steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** Stack traces stay in the log file: the terminal shows the message, and a trace only with --verbose. */
    static final String TERMINAL_PATTERN = "%level %logger{20}: %msg%n%nopex";
    static final String VERBOSE_TERMINAL_PATTERN = "%level %logger{20}: %msg%n%ex{short}";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n%ex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, logDirectory(), System.getProperty(LoggingSetup.CONSOLE_LEVEL_PROPERTY, "WARN"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The whole configuration on a given context; tests use their own context and directory. */
    static void configure(LoggerContext context, Path logDirectory, String terminalLevel) {
        context.getStatusManager().add(new NopStatusListener());
        registerMaskingConverters(context);

        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(terminal(context, terminalLevel));
        root.addAppender(file(context, logDirectory));

        // the driver's own "hostname does not match" warning says less than the console's explanation of it
        context.getLogger("org.postgresql.ssl.PGjdbcHostnameVerifier").setLevel(Level.ERROR);
        Map.of("jobs.x402", Level.DEBUG, "liquibase", Level.INFO, "org.hibernate", Level.WARN,
                "org.hibernate.orm.deprecation", Level.ERROR, "com.zaxxer.hikari", Level.WARN, "io.zonky", Level.INFO,
                "org.testfx", Level.WARN,
                // "Unsupported JavaFX configuration: classes were loaded from unnamed module": deliberate class path
                "javafx", Level.ERROR).forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    /** {@code %msg} and {@code %ex} become the masking converters in every pattern of this context. */
    @SuppressWarnings("unchecked")
    private static void registerMaskingConverters(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> rules = (Map<String, Supplier<DynamicConverter<?>>>) context
                .getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("msg", MaskedMessageConverter::new);
        rules.put("ex", MaskedThrowableConverter::new);
    }

    private static Path logDirectory() {
        String configured = System.getProperty(LoggingSetup.LOG_DIR_PROPERTY);
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "x402-console-logs");
    }

    private static ConsoleAppender<ILoggingEvent> terminal(LoggerContext context, String level) {
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(level);
        threshold.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.addFilter(threshold);
        appender.setEncoder(encoder(context, "DEBUG".equalsIgnoreCase(level) ? VERBOSE_TERMINAL_PATTERN
                : TERMINAL_PATTERN));
        appender.start();
        return appender;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path directory) {
        // every log file (the current one and each new one after a rollover) is created 0600 before logback opens it
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>() {
            @Override
            public void openFile(String fileName) throws java.io.IOException {
                jobs.x402.console.core.PrivateFiles.ensureFile(java.nio.file.Path.of(fileName));
                super.openFile(fileName);
            }
        };
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(directory.resolve("console.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory.resolve("console.%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.setEncoder(encoder(context, FILE_PATTERN));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
