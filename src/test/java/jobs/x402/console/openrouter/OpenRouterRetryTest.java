package jobs.x402.console.openrouter;

import jobs.x402.console.core.Secret;
import jobs.x402.console.openrouter.OpenRouterException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static jobs.x402.console.openrouter.MockOpenRouter.COMPLETION;
import static jobs.x402.console.openrouter.MockOpenRouter.KEY_TEXT;
import static jobs.x402.console.openrouter.MockOpenRouter.NOW;
import static jobs.x402.console.openrouter.MockOpenRouter.error;
import static jobs.x402.console.openrouter.MockOpenRouter.json;
import static jobs.x402.console.openrouter.MockOpenRouter.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OpenRouterRetryTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MockOpenRouter.RecordingSleeper sleeper = new MockOpenRouter.RecordingSleeper();
    private final Secret key = Secret.of(KEY_TEXT);

    private OpenRouterClient client(int maxRetries) {
        return MockOpenRouter.clientFor(server, sleeper).maxRetries(maxRetries).build();
    }

    private static MockResponse failing(int status, String retryAfter) {
        MockResponse.Builder b = new MockResponse.Builder(json(status, error(status, "try later")));
        if (retryAfter != null) {
            b.addHeader("Retry-After", retryAfter);
        }
        return b.build();
    }

    @Test
    void retry_after_in_seconds_is_waited_exactly_then_the_call_succeeds() {
        server.enqueue(failing(429, "7"));
        server.enqueue(json(200, COMPLETION));

        ChatCompletion completion = client(2).chat(request(), key);

        assertThat(completion.text()).isEqualTo("Hello there.");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retry_after_as_an_http_date_is_measured_from_the_clock() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.enqueue(failing(503, date));
        server.enqueue(json(200, COMPLETION));

        client(2).chat(request(), key);

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void a_retry_after_date_in_the_past_retries_at_once() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(5).atOffset(ZoneOffset.UTC));
        server.enqueue(failing(429, date));
        server.enqueue(json(200, COMPLETION));

        client(1).chat(request(), key);

        assertThat(sleeper.waits).containsExactly(Duration.ZERO);
    }

    @Test
    void without_retry_after_the_backoff_doubles_and_the_attempts_are_bounded() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(failing(502, null));
        }

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client(3).chat(request(), key));

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void an_unreadable_retry_after_falls_back_to_the_backoff() {
        server.enqueue(failing(429, "soon"));
        server.enqueue(json(200, COMPLETION));

        client(1).chat(request(), key);

        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void a_retry_after_beyond_the_cap_is_not_slept_through_but_told() {
        server.enqueue(failing(429, "3600"));

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> MockOpenRouter.clientFor(server, sleeper).maxRetries(3).maxRetryWait(Duration.ofSeconds(30))
                        .build().chat(request(), key));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(e.remedy()).contains("retry at 13:00:00");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 524, 529})
    void timeouts_rate_limits_and_server_errors_are_retried(int status) {
        server.enqueue(failing(status, "1"));
        server.enqueue(json(200, COMPLETION));

        client(1).chat(request(), key);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest(name = "HTTP {0} is not retried")
    @ValueSource(ints = {400, 401, 402, 403, 404, 422})
    void client_errors_are_not_retried(int status) {
        server.enqueue(failing(status, "1"));
        server.enqueue(json(200, COMPLETION));

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client(3).chat(request(), key));

        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void max_retries_zero_sends_once() {
        server.enqueue(failing(503, "1"));
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client(0).chat(request(), key));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void the_catalog_and_key_calls_retry_too() {
        server.enqueue(failing(503, "2"));
        server.enqueue(json(200, "{\"data\":[]}"));

        assertThat(client(1).models()).isEmpty();
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void the_real_sleeper_really_waits_a_short_retry_after() {
        server.enqueue(failing(429, "0.2"));
        server.enqueue(json(200, COMPLETION));
        OpenRouterClient client = OpenRouterClient.builder().baseUrl(server.url("/api/v1").toString()).maxRetries(1)
                .build();

        long start = System.nanoTime();
        client.chat(request(), key);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isGreaterThanOrEqualTo(190);
    }
}
