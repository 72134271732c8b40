package jobs.x402.console.openrouter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jobs.x402.console.core.Secret;
import jobs.x402.console.openrouter.OpenRouterException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import static jobs.x402.console.openrouter.MockOpenRouter.COMPLETION;
import static jobs.x402.console.openrouter.MockOpenRouter.KEY_TEXT;
import static jobs.x402.console.openrouter.MockOpenRouter.error;
import static jobs.x402.console.openrouter.MockOpenRouter.json;
import static jobs.x402.console.openrouter.MockOpenRouter.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The key goes into the Authorization header and nowhere else: not logs, not messages, not toString. */
class ApiKeyConfidentialityTest {
    /** A distinctive part of the key: finding it anywhere means the key leaked. */
    private static final String KEY_FRAGMENT = KEY_TEXT.substring("sk-or-v1-".length(), 40);

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final ListAppender<ILoggingEvent> logback = new ListAppender<>();
    private final List<String> julMessages = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julMessages.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(
                    record.getParameters()) + " " + stackTrace(record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousRootLevel;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void captureAllLogging() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousRootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logback.start();
        root.addAppender(logback);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
        julHandler.setLevel(java.util.logging.Level.ALL);
        jul.addHandler(julHandler);
        java.util.logging.Logger.getLogger("okhttp3").setLevel(java.util.logging.Level.ALL);
    }

    @AfterEach
    void release() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logback);
        root.setLevel(previousRootLevel);
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
        java.util.logging.Logger.getLogger("okhttp3").setLevel(null);
    }

    private static String stackTrace(Throwable t) {
        if (t == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private void record(Throwable t) {
        seen.add(stackTrace(t));
        if (t instanceof OpenRouterException e) {
            seen.add(e.problem());
            seen.add(e.remedy());
            seen.add(String.valueOf(e.metadata()));
        }
    }

    @Test
    void the_key_appears_in_no_log_line_exception_or_to_string() {
        OpenRouterClient client = MockOpenRouter.clientFor(server, new MockOpenRouter.RecordingSleeper())
                .maxRetries(1).build();
        Secret key = Secret.of(KEY_TEXT);

        server.enqueue(json(200, COMPLETION));
        seen.add(client.chat(request(), key).toString());

        server.enqueue(new MockResponse.Builder(json(429, error(429, "Rate limited"))).addHeader("Retry-After", "1")
                .build());
        server.enqueue(json(401, error(401, "No auth credentials found")));
        OpenRouterException invalid = catchThrowableOfType(OpenRouterException.class,
                () -> client.chat(request(), key));
        assertThat(invalid.kind()).isEqualTo(Kind.INVALID_KEY);
        record(invalid);

        server.enqueue(MockOpenRouter.sse(MockOpenRouter.NORMAL_STREAM));
        seen.add(client.chatStream(request(), key, text -> { }).await(Duration.ofSeconds(5)).toString());

        server.enqueue(json(200, "<html>not json</html>"));
        record(catchThrowableOfType(OpenRouterException.class, () -> client.key(key)));

        OpenRouterClient unreachable = OpenRouterClient.builder().baseUrl("http://127.0.0.1:1/api/v1").maxRetries(0)
                .build();
        record(catchThrowableOfType(OpenRouterException.class, () -> unreachable.chat(request(), key)));

        seen.add(key.toString());
        seen.add(client.toString());
        seen.add(client.preview(request(), true).toString());

        List<ILoggingEvent> events;
        synchronized (logback) { // AppenderBase appends under this lock; the HTTP threads may still be logging
            events = new ArrayList<>(logback.list);
        }
        assertThat(events).as("the client logged something, so the check below means something")
                .anySatisfy(e -> assertThat(e.getLoggerName()).isEqualTo(OpenRouterClient.class.getName()));
        List<String> logLines = events.stream()
                .map(e -> e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? ""
                        : e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(logLines).noneMatch(line -> line.contains(KEY_FRAGMENT));
        List<String> julLines;
        synchronized (julMessages) {
            julLines = new ArrayList<>(julMessages);
        }
        assertThat(julLines).noneMatch(line -> line.contains(KEY_FRAGMENT));
        assertThat(seen).hasSizeGreaterThan(10).noneMatch(text -> text.contains(KEY_FRAGMENT));
    }

    @Test
    void a_key_that_cannot_be_sent_is_refused_without_echoing_it() {
        OpenRouterClient client = MockOpenRouter.clientFor(server, new MockOpenRouter.RecordingSleeper()).build();
        String broken = KEY_TEXT + "\n";

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client.chat(request(), Secret.of(broken)));

        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_KEY);
        assertThat(stackTrace(e)).doesNotContain(KEY_FRAGMENT);
        assertThat(server.getRequestCount()).isZero();

        OpenRouterException empty = catchThrowableOfType(OpenRouterException.class,
                () -> client.key(Secret.of("")));
        assertThat(empty.kind()).isEqualTo(Kind.MALFORMED_KEY);
        assertThat(empty.problem()).contains("empty");
    }

    @Test
    void a_cleared_secret_is_refused_as_empty() {
        Secret key = Secret.of(KEY_TEXT);
        key.clear();
        OpenRouterClient client = MockOpenRouter.clientFor(server, new MockOpenRouter.RecordingSleeper()).build();
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client.chatStream(request(), key, text -> { }));
        assertThat(e.kind()).isEqualTo(Kind.MALFORMED_KEY);
    }
}
