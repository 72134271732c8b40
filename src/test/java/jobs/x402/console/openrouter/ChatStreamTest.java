package jobs.x402.console.openrouter;

import jobs.x402.console.core.Secret;
import jobs.x402.console.openrouter.OpenRouterException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static jobs.x402.console.openrouter.MockOpenRouter.FINAL_CHUNK;
import static jobs.x402.console.openrouter.MockOpenRouter.KEY_TEXT;
import static jobs.x402.console.openrouter.MockOpenRouter.NORMAL_STREAM;
import static jobs.x402.console.openrouter.MockOpenRouter.chunk;
import static jobs.x402.console.openrouter.MockOpenRouter.error;
import static jobs.x402.console.openrouter.MockOpenRouter.json;
import static jobs.x402.console.openrouter.MockOpenRouter.request;
import static jobs.x402.console.openrouter.MockOpenRouter.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatStreamTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MockOpenRouter.RecordingSleeper sleeper = new MockOpenRouter.RecordingSleeper();
    private final Secret key = Secret.of(KEY_TEXT);
    private final Recorder recorder = new Recorder();

    static final class Recorder implements ChatStreamListener {
        final List<String> deltas = new CopyOnWriteArrayList<>();
        final List<String> images = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        final List<Integer> retries = new CopyOnWriteArrayList<>();
        final CountDownLatch firstDelta = new CountDownLatch(1);

        @Override
        public void onDelta(String text) {
            deltas.add(text);
            firstDelta.countDown();
        }

        @Override
        public void onImage(String url) {
            images.add(url);
        }

        @Override
        public void onComment(String text) {
            comments.add(text);
        }

        @Override
        public void onRetry(int nextAttempt, Duration delay, OpenRouterException cause) {
            retries.add(nextAttempt);
        }
    }

    private OpenRouterClient client() {
        return MockOpenRouter.clientFor(server, sleeper).maxRetries(2).build();
    }

    private StreamResult stream() {
        return client().chatStream(request(), key, recorder).await(Duration.ofSeconds(10));
    }

    private OpenRouterException streamFailure() {
        return catchThrowableOfType(OpenRouterException.class, this::stream);
    }

    @Test
    void a_normal_stream_delivers_tokens_in_order_and_reports_usage_cost_and_timings() throws Exception {
        server.enqueue(sse(NORMAL_STREAM));

        StreamResult result = stream();

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getBody().utf8()).isEqualTo(request().withStream(true).toJson());
        assertThat(sent.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(sent.getHeaders().get("X-Title")).isEqualTo("x402.jobs");

        assertThat(recorder.deltas).containsExactly("Hel", "lo");
        assertThat(recorder.comments).containsExactly("OPENROUTER PROCESSING", "OPENROUTER PROCESSING");
        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.generationId()).isEqualTo("gen-s1");
        assertThat(result.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(result.provider()).isEqualTo("OpenAI");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.nativeFinishReason()).isEqualTo("end_turn");
        assertThat(result.usage().promptTokens()).isEqualTo(20);
        assertThat(result.usage().completionTokens()).isEqualTo(2);
        assertThat(result.usage().cost()).isEqualByComparingTo("0.00042");
        assertThat(result.chunks()).isEqualTo(3);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.timeToFirstToken()).isNotNull().isPositive();
        assertThat(result.totalTime()).isGreaterThanOrEqualTo(result.timeToFirstToken());
        assertThat(result.truncatedTail()).isNull();
    }

    @Test
    void a_stream_delivered_byte_by_byte_with_crlf_gives_the_same_result() {
        server.enqueue(MockOpenRouter.sseByteByByte(NORMAL_STREAM.replace("\n", "\r\n")
                .replace("Hel", "H\\u00e9l 中")));

        StreamResult result = stream();

        assertThat(recorder.deltas).containsExactly("Hél 中", "lo");
        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
        assertThat(result.usage().cost()).isEqualByComparingTo("0.00042");
        assertThat(result.generationId()).isEqualTo("gen-s1");
    }

    @Test
    void multi_line_data_fields_are_joined_before_parsing() {
        server.enqueue(sse("data: {\"id\":\"gen-m\",\n"
                + "data: \"choices\":[{\"delta\":{\"content\":\"joined\"}}]}\n\n"
                + "data: [DONE]\n\n"));

        StreamResult result = stream();

        assertThat(result.text()).isEqualTo("joined");
        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
    }

    @Test
    void images_in_stream_deltas_are_collected() {
        server.enqueue(sse("data: {\"id\":\"gen-i\",\"choices\":[{\"delta\":{\"images\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}}]}\n\n"
                + FINAL_CHUNK + "data: [DONE]\n\n"));

        StreamResult result = stream();

        assertThat(recorder.images).containsExactly("data:image/png;base64,AAAA");
        assertThat(result.images()).containsExactly("data:image/png;base64,AAAA");
        assertThat(result.timeToFirstToken()).isNotNull();
    }

    @Test
    void a_mid_stream_error_chunk_is_a_typed_failure_and_is_not_retried() {
        server.enqueue(sse(": OPENROUTER PROCESSING\n\n" + chunk("Partial")
                + "data: {\"id\":\"gen-s1\",\"object\":\"chat.completion.chunk\",\"provider\":\"Anthropic\","
                + "\"error\":{\"code\":502,\"message\":\"Provider disconnected unexpectedly\","
                + "\"metadata\":{\"provider_name\":\"Anthropic\"}},"
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n"));
        server.enqueue(sse(NORMAL_STREAM));

        OpenRouterException e = streamFailure();

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.midStream()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.serverMessage()).isEqualTo("Provider disconnected unexpectedly");
        assertThat(e.metadata()).containsEntry("provider_name", "Anthropic");
        assertThat(e.generationId()).isEqualTo("gen-s1");
        assertThat(e.problem()).contains("mid-stream");
        assertThat(e.remedy()).contains("incomplete");
        assertThat(recorder.deltas).containsExactly("Partial");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void finish_reason_error_without_an_error_object_is_still_a_failure() {
        server.enqueue(sse(chunk("Par") + "data: {\"id\":\"gen-s1\",\"choices\":[{\"delta\":{},"
                + "\"finish_reason\":\"error\"}]}\n\n"));

        OpenRouterException e = streamFailure();

        assertThat(e.midStream()).isTrue();
        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
    }

    @Test
    void an_error_chunk_before_any_token_is_retried() {
        server.enqueue(sse(": OPENROUTER PROCESSING\n\n"
                + "data: {\"error\":{\"code\":503,\"message\":\"No instances available\"},"
                + "\"choices\":[{\"delta\":{},\"finish_reason\":\"error\"}]}\n\n"));
        server.enqueue(sse(NORMAL_STREAM));

        StreamResult result = stream();

        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(recorder.retries).containsExactly(2);
    }

    @Test
    void an_http_error_before_the_stream_starts_is_retried_with_retry_after() {
        server.enqueue(new MockResponse.Builder(json(429, error(429, "Rate limited"))).addHeader("Retry-After", "3")
                .build());
        server.enqueue(sse(NORMAL_STREAM));

        StreamResult result = stream();

        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(recorder.retries).containsExactly(2);
        assertThat(recorder.deltas).containsExactly("Hel", "lo");
    }

    @Test
    void insufficient_credits_before_the_stream_fail_at_once_without_retry() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(402, error(402, "Insufficient credits")));
        }
        OpenRouterException e = streamFailure();
        assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_CREDITS);
        assertThat(e.midStream()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_stream_ending_without_done_is_named_so() {
        server.enqueue(sse(chunk("Hel") + chunk("lo")));

        StreamResult result = stream();

        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.ENDED_WITHOUT_DONE);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.truncatedTail()).isNull();
    }

    @Test
    void a_stream_cut_inside_a_frame_reports_the_cut_tail() {
        server.enqueue(sse(chunk("Hel") + "data: {\"id\":\"gen-s1\",\"choices\":[{\"delta\":{\"cont"));

        StreamResult result = stream();

        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.ENDED_WITHOUT_DONE);
        assertThat(result.text()).isEqualTo("Hel");
        assertThat(result.truncatedTail()).startsWith("data: {\"id\"");
    }

    @Test
    void a_chunk_that_is_not_json_is_named_not_json() {
        server.enqueue(sse(chunk("Hel") + "data: <html>oops</html>\n\n"));

        OpenRouterException e = streamFailure();

        assertThat(e.kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(e.problem()).contains("mid-stream chunk");
    }

    @Test
    void a_whole_json_answer_instead_of_a_stream_is_still_used() {
        server.enqueue(json(200, MockOpenRouter.COMPLETION));

        StreamResult result = stream();

        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
        assertThat(recorder.deltas).containsExactly("Hello there.");
        assertThat(result.usage().cost()).isEqualByComparingTo("0.0000123");
    }

    @Test
    void an_html_page_instead_of_a_stream_is_named_html() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html><title>Captive portal</title>").build());

        OpenRouterException e = streamFailure();

        assertThat(e.kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(e.problem()).contains("Captive portal");
    }

    @Test
    void cancel_closes_the_connection_and_ends_with_cancelled() throws Exception {
        CountDownLatch serverSawClose = new CountDownLatch(1);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(new MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        try {
                            sink.writeUtf8(chunk("Hel"));
                            sink.flush();
                            for (int i = 0; i < 400; i++) {
                                Thread.sleep(25);
                                sink.writeUtf8(": OPENROUTER PROCESSING\n\n");
                                sink.flush();
                            }
                        } catch (IOException e) {
                            serverSawClose.countDown();
                            throw e;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build());

        ChatStream stream = client().chatStream(request(), key, recorder);
        assertThat(recorder.firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        long cancelledAt = System.nanoTime();
        stream.cancel();
        StreamResult result = stream.await(Duration.ofSeconds(5));

        assertThat((System.nanoTime() - cancelledAt) / 1_000_000).isLessThan(2000);
        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.CANCELLED);
        assertThat(result.text()).isEqualTo("Hel");
        assertThat(stream.isCancelled()).isTrue();
        assertThat(serverSawClose.await(5, TimeUnit.SECONDS)).as("server noticed the closed connection").isTrue();
    }

    @Test
    void cancel_during_a_retry_wait_ends_at_once() {
        server.enqueue(new MockResponse.Builder(json(429, error(429, "Rate limited"))).addHeader("Retry-After", "30")
                .build());
        OpenRouterClient client = MockOpenRouter.clientFor(server, sleeper).sleeper(OpenRouterClient.Sleeper.REAL)
                .maxRetries(2).build();
        CountDownLatch retrying = new CountDownLatch(1);

        ChatStream stream = client.chatStream(request(), key, new ChatStreamListener() {
            @Override
            public void onDelta(String text) {
            }

            @Override
            public void onRetry(int nextAttempt, Duration delay, OpenRouterException cause) {
                retrying.countDown();
            }
        });
        long start = System.nanoTime();
        try {
            assertThat(retrying.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        stream.cancel();
        StreamResult result = stream.await(Duration.ofSeconds(5));

        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.CANCELLED);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_listener_that_throws_fails_the_stream_with_its_exception() {
        server.enqueue(sse(NORMAL_STREAM));
        ChatStream stream = client().chatStream(request(), key, text -> {
            throw new IllegalStateException("listener broke");
        });

        Throwable thrown = catchThrowableOfType(IllegalStateException.class, () -> stream.await(Duration.ofSeconds(5)));

        assertThat(thrown).hasMessage("listener broke");
    }

    @Test
    void a_read_timeout_in_the_middle_of_a_stream_is_a_mid_stream_timeout() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(new MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        sink.writeUtf8(chunk("Hel"));
                        sink.flush();
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build());
        OpenRouterClient client = MockOpenRouter.clientFor(server, sleeper).readTimeout(Duration.ofMillis(300))
                .build();

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client.chatStream(request(), key, recorder).await(Duration.ofSeconds(10)));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.midStream()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
