package jobs.x402.console.openrouter;

import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shapes OpenRouter documents, for the mock server, and a client wired to it with a recording sleeper. */
final class MockOpenRouter {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String KEY_TEXT = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private MockOpenRouter() {
    }

    /** Records every wait the client asks for instead of sleeping. */
    static final class RecordingSleeper implements OpenRouterClient.Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    static OpenRouterClient.Builder clientFor(MockWebServer server, RecordingSleeper sleeper) {
        return OpenRouterClient.builder()
                .baseUrl(server.url("/api/v1").toString())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sleeper(sleeper)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(20));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static String error(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    static final String COMPLETION = """
            {"id":"gen-123","provider":"OpenAI","model":"openai/gpt-4o-mini","object":"chat.completion",
             "created":1735000000,
             "choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"stop",
                         "message":{"role":"assistant","content":"Hello there."}}],
             "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"cost":0.0000123,"is_byok":false,
                      "prompt_tokens_details":{"cached_tokens":0},
                      "completion_tokens_details":{"reasoning_tokens":0}}}
            """;

    static String chunk(String content) {
        return "data: {\"id\":\"gen-s1\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o-mini\","
                + "\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"" + content + "\"},\"finish_reason\":null,\"native_finish_reason\":null}]}\n\n";
    }

    static final String FINAL_CHUNK = "data: {\"id\":\"gen-s1\",\"model\":\"openai/gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\","
            + "\"native_finish_reason\":\"end_turn\"}],"
            + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2,\"total_tokens\":22,\"cost\":0.00042}}\n\n";

    static final String NORMAL_STREAM = ": OPENROUTER PROCESSING\n\n"
            + ": OPENROUTER PROCESSING\n\n"
            + chunk("Hel") + chunk("lo") + FINAL_CHUNK + "data: [DONE]\n\n";

    static MockResponse sse(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .addHeader("X-Generation-Id", "gen-s1").body(body).build();
    }

    /** Writes the body one byte at a time, flushing after each, so every read sees a fragment. */
    static MockResponse sseByteByByte(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(new MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws java.io.IOException {
                        for (byte b : bytes) {
                            sink.writeByte(b);
                            sink.flush();
                        }
                    }
                }).build();
    }

    static ChatRequest request() {
        return ChatRequest.builder().model("openai/gpt-4o-mini")
                .message(ChatMessage.system("Be brief."))
                .message(ChatMessage.user("Please respond based on the system instructions."))
                .temperature(1.0).maxTokens(4096).topP(1.0).build();
    }
}
