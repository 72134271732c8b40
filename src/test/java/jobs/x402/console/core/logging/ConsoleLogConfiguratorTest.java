package jobs.x402.console.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The logging configuration in code: the file it writes, its levels, and the secret masks on messages and stacks. */
class ConsoleLogConfiguratorTest {
    private static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void theRunningContextIsConfiguredByTheConsoleConfigurator() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("FILE")).as("found through META-INF/services").isNotNull();
        assertThat(root.getAppender("STDERR")).isNotNull();
    }

    @Test
    void theFileGetsMaskedMessagesAndStacksAtTheConfiguredLevels(@TempDir Path logs) throws IOException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what slf4j's provider gives the real context
        ConsoleLogConfigurator.configure(context, logs, "WARN");
        context.start();
        org.slf4j.Logger console = context.getLogger("jobs.x402.console.example");
        console.debug("saving key {}", KEY);
        console.warn("stored value 00112233445566778899aabbccddeeff:00112233445566778899aabbccddeeff",
                new IllegalStateException("rejected " + KEY));
        context.getLogger("org.hibernate.SQL").info("not written: Hibernate logs warnings only");
        assertThat(context.getLogger("javafx").getLevel()).isEqualTo(Level.ERROR);
        context.stop(); // flushes and closes the file

        String written = Files.readString(logs.resolve("console.log"), StandardCharsets.UTF_8);
        assertThat(written).contains("DEBUG [", "saving key sk-or-***", "<encrypted value>",
                "java.lang.IllegalStateException: rejected sk-or-***");
        assertThat(written).doesNotContain(KEY.substring(9), "00112233445566778899aabbccddeeff:",
                "not written");
    }

    @org.junit.jupiter.api.Test
    void theTerminalShowsMessagesWithoutStackTracesUnlessVerbose() {
        ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
        ch.qos.logback.classic.Logger logger = context.getLogger("jobs.x402.test");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                "fqcn", logger, ch.qos.logback.classic.Level.WARN, "Secret rotation failed (SQL state 08006)",
                new java.sql.SQLException("Database connection failed when ending copy"), null);
        ch.qos.logback.classic.PatternLayout quiet = new ch.qos.logback.classic.PatternLayout();
        quiet.setContext(context);
        quiet.setPattern(ConsoleLogConfigurator.TERMINAL_PATTERN);
        quiet.start();
        org.assertj.core.api.Assertions.assertThat(quiet.doLayout(event)).contains("Secret rotation failed")
                .doesNotContain("SQLException").doesNotContain("\tat ");
        ch.qos.logback.classic.PatternLayout verbose = new ch.qos.logback.classic.PatternLayout();
        verbose.setContext(context);
        verbose.setPattern(ConsoleLogConfigurator.VERBOSE_TERMINAL_PATTERN);
        verbose.start();
        org.assertj.core.api.Assertions.assertThat(verbose.doLayout(event)).contains("SQLException");
    }
}
