package jobs.x402.console.openrouter;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.Secret;
import jobs.x402.console.openrouter.OpenRouterException.BodyProblem;
import jobs.x402.console.openrouter.OpenRouterException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static jobs.x402.console.openrouter.MockOpenRouter.COMPLETION;
import static jobs.x402.console.openrouter.MockOpenRouter.KEY_TEXT;
import static jobs.x402.console.openrouter.MockOpenRouter.json;
import static jobs.x402.console.openrouter.MockOpenRouter.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OpenRouterClientTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MockOpenRouter.RecordingSleeper sleeper = new MockOpenRouter.RecordingSleeper();
    private final Secret key = Secret.of(KEY_TEXT);

    private OpenRouterClient client() {
        return MockOpenRouter.clientFor(server, sleeper).maxRetries(0).build();
    }

    private OpenRouterException chatFailure() {
        return catchThrowableOfType(OpenRouterException.class, () -> client().chat(request(), key));
    }

    @Test
    void chat_sends_the_backend_headers_and_body_and_reads_the_completion() throws Exception {
        server.enqueue(new MockResponse.Builder(json(200, COMPLETION)).addHeader("X-Generation-Id", "gen-123").build());

        ChatCompletion completion = client().chat(request().withStream(true), key);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY_TEXT);
        assertThat(sent.getHeaders().get("HTTP-Referer")).isEqualTo("https://x402.jobs");
        assertThat(sent.getHeaders().get("X-Title")).isEqualTo("x402.jobs");
        assertThat(sent.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(sent.getBody().utf8()).isEqualTo(request().toJson()).contains("\"stream\":false");

        assertThat(completion.id()).isEqualTo("gen-123");
        assertThat(completion.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(completion.provider()).isEqualTo("OpenAI");
        assertThat(completion.text()).isEqualTo("Hello there.");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.usage().promptTokens()).isEqualTo(12);
        assertThat(completion.usage().completionTokens()).isEqualTo(3);
        assertThat(completion.usage().totalTokens()).isEqualTo(15);
        assertThat(completion.usage().cost()).isEqualByComparingTo("0.0000123");
        assertThat(completion.usage().byok()).isFalse();
    }

    @Test
    void chat_reads_the_images_of_an_image_model() {
        server.enqueue(json(200, """
                {"id":"gen-img","model":"google/gemini-2.5-flash-image-preview","choices":[{"index":0,
                 "finish_reason":"stop","message":{"role":"assistant","content":null,"images":[
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":1290,"total_tokens":1295}}
                """));

        ChatCompletion completion = client().chat(request(), key);

        assertThat(completion.text()).isEmpty();
        assertThat(completion.images()).containsExactly("data:image/png;base64,iVBORw0KGgo=",
                "data:image/png;base64,AAAA");
        assertThat(completion.usage().cost()).isNull();
    }

    @Test
    void custom_attribution_headers_are_sent() throws Exception {
        server.enqueue(json(200, COMPLETION));
        MockOpenRouter.clientFor(server, sleeper).referer("https://ops.example").title("ops console").build()
                .chat(request(), key);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeaders().get("HTTP-Referer")).isEqualTo("https://ops.example");
        assertThat(sent.getHeaders().get("X-Title")).isEqualTo("ops console");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, BAD_REQUEST, the model id",
            "401, INVALID_KEY, is_valid = false",
            "402, INSUFFICIENT_CREDITS, add credits",
            "403, FORBIDDEN, moderation",
            "404, NOT_FOUND, pick another model",
            "408, REQUEST_TIMEOUT, retry",
            "429, RATE_LIMITED, rate limited",
            "500, SERVER_ERROR, retry",
            "502, UPSTREAM_ERROR, another model",
            "503, NO_PROVIDER, another model",
            "524, EDGE_TIMEOUT, retry",
            "529, PROVIDER_OVERLOADED, retry",
            "418, OTHER_HTTP_STATUS, server's message"})
    void every_documented_status_becomes_its_own_kind_with_the_server_message_and_a_fix(int status, Kind kind,
                                                                                       String fix) {
        server.enqueue(json(status, MockOpenRouter.error(status, "message from upstream " + status)));

        OpenRouterException e = chatFailure();

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.serverMessage()).isEqualTo("message from upstream " + status);
        assertThat(e.problem()).contains("HTTP " + status).contains("message from upstream " + status);
        assertThat(e.remedy()).contains(fix);
        assertThat(e.bodyProblem()).isEqualTo(BodyProblem.NONE);
        assertThat(e.midStream()).isFalse();
        assertThat(e.exitCode()).isEqualTo(status == 401 ? ExitCode.UNREACHABLE : ExitCode.FAILURE);
    }

    @Test
    void a_moderation_refusal_carries_its_metadata() {
        server.enqueue(json(403, """
                {"error":{"code":403,"message":"Your input was flagged","metadata":{"reasons":["harassment"],
                 "flagged_input":"some text…","provider_name":"OpenAI","model_slug":"openai/gpt-4o"}}}
                """));

        OpenRouterException e = chatFailure();

        assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(e.metadata()).containsEntry("reasons", List.of("harassment"))
                .containsEntry("provider_name", "OpenAI");
        assertThat(e.remedy()).contains("harassment");
    }

    @Test
    void a_rate_limit_with_retry_after_tells_when_to_retry() {
        server.enqueue(new MockResponse.Builder(json(429, MockOpenRouter.error(429, "Rate limit exceeded")))
                .addHeader("Retry-After", "30").build());

        OpenRouterException e = chatFailure();

        assertThat(e.retryAt()).isEqualTo(MockOpenRouter.NOW.plusSeconds(30));
        assertThat(e.remedy()).contains("retry at 12:00:30");
    }

    @Test
    void an_html_error_page_is_named_as_html_and_keeps_its_status_kind() {
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>")
                .build());

        OpenRouterException e = chatFailure();

        assertThat(e.kind()).isEqualTo(Kind.UPSTREAM_ERROR);
        assertThat(e.bodyProblem()).isEqualTo(BodyProblem.NOT_JSON);
        assertThat(e.serverMessage()).isNull();
        assertThat(e.problem()).contains("HTML page instead of JSON").contains("502 Bad Gateway");
    }

    @Test
    void an_html_page_with_status_200_is_not_json() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><head><title>Sign in</title></head></html>").build());

        OpenRouterException e = chatFailure();

        assertThat(e.kind()).isEqualTo(Kind.NOT_JSON);
        assertThat(e.problem()).contains("HTML").contains("Sign in");
        assertThat(e.remedy()).contains("base URL");
    }

    @Test
    void truncated_json_is_named_truncated() {
        server.enqueue(json(200, COMPLETION.substring(0, COMPLETION.indexOf("\"usage\""))));

        OpenRouterException e = chatFailure();

        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED_JSON);
        assertThat(e.problem()).contains("stops in the middle");
    }

    @Test
    void json_cut_inside_a_string_is_also_truncated() {
        server.enqueue(json(200, "{\"id\":\"gen-1\",\"choices\":[{\"message\":{\"content\":\"Hel"));
        assertThat(chatFailure().kind()).isEqualTo(Kind.TRUNCATED_JSON);
    }

    @Test
    void an_empty_body_is_named_empty() {
        server.enqueue(json(200, ""));
        OpenRouterException e = chatFailure();
        assertThat(e.kind()).isEqualTo(Kind.EMPTY_BODY);
        assertThat(e.problem()).contains("empty body");
    }

    @Test
    void whitespace_before_the_json_is_accepted_as_openrouter_sends_it_to_keep_the_connection_alive() {
        server.enqueue(json(200, "\n\n   \n" + COMPLETION));
        assertThat(client().chat(request(), key).text()).isEqualTo("Hello there.");
    }

    @Test
    void an_empty_error_body_still_gives_the_status_kind() {
        server.enqueue(json(503, ""));
        OpenRouterException e = chatFailure();
        assertThat(e.kind()).isEqualTo(Kind.NO_PROVIDER);
        assertThat(e.bodyProblem()).isEqualTo(BodyProblem.EMPTY);
        assertThat(e.problem()).contains("empty body");
    }

    @Test
    void json_without_choices_is_an_unexpected_response() {
        server.enqueue(json(200, "{\"hello\":\"world\"}"));
        assertThat(chatFailure().kind()).isEqualTo(Kind.UNEXPECTED_RESPONSE);
    }

    @Test
    void an_error_object_inside_a_200_answer_is_typed_by_its_code() {
        server.enqueue(json(200, MockOpenRouter.error(402, "Insufficient credits")));
        OpenRouterException e = chatFailure();
        assertThat(e.kind()).isEqualTo(Kind.INSUFFICIENT_CREDITS);
        assertThat(e.serverMessage()).isEqualTo("Insufficient credits");
    }

    @Test
    void a_connection_closed_without_an_answer_is_a_network_failure() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

        OpenRouterException e = chatFailure();

        assertThat(e.kind()).isEqualTo(Kind.NETWORK_FAILURE);
        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.problem()).contains("connection to " + server.getHostName());
    }

    @Test
    void a_refused_connection_is_a_network_failure_retried_within_the_bound() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenRouterClient client = OpenRouterClient.builder().baseUrl("http://127.0.0.1:" + closedPort + "/api/v1")
                .sleeper(sleeper).maxRetries(2).connectTimeout(Duration.ofSeconds(2)).build();

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class, () -> client.chat(request(), key));

        assertThat(e.kind()).isEqualTo(Kind.NETWORK_FAILURE);
        assertThat(e.problem()).contains("no connection to 127.0.0.1");
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void a_server_that_does_not_answer_in_time_is_a_timeout() {
        server.enqueue(new MockResponse.Builder(json(200, COMPLETION)).headersDelay(3, TimeUnit.SECONDS).build());
        OpenRouterClient client = MockOpenRouter.clientFor(server, sleeper).maxRetries(0)
                .readTimeout(Duration.ofMillis(300)).build();

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class, () -> client.chat(request(), key));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.problem()).contains("timed out");
    }

    @Test
    void the_whole_call_timeout_also_counts_as_a_timeout() {
        server.enqueue(new MockResponse.Builder(json(200, COMPLETION)).headersDelay(3, TimeUnit.SECONDS).build());
        OpenRouterClient client = MockOpenRouter.clientFor(server, sleeper).maxRetries(0)
                .callTimeout(Duration.ofMillis(300)).build();

        OpenRouterException e = catchThrowableOfType(OpenRouterException.class, () -> client.chat(request(), key));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void models_are_read_with_pricing_and_modalities_without_a_key() throws Exception {
        server.enqueue(json(200, """
                {"data":[
                  {"id":"openai/gpt-4o-mini","canonical_slug":"openai/gpt-4o-mini-2024-07-18","name":"OpenAI: GPT-4o-mini",
                   "created":1721260800,"description":"small","context_length":128000,
                   "architecture":{"modality":"text+image->text","input_modalities":["text","image","file"],
                                   "output_modalities":["text"],"tokenizer":"GPT"},
                   "pricing":{"prompt":"0.00000015","completion":"0.0000006","request":"0","image":"0.000217",
                              "web_search":"0","internal_reasoning":"0"},
                   "top_provider":{"context_length":128000,"max_completion_tokens":16384,"is_moderated":true},
                   "supported_parameters":["temperature","top_p","max_tokens"],"expiration_date":null},
                  {"id":"google/gemini-2.5-flash-image-preview","name":"Nano Banana","context_length":32768,
                   "architecture":{"modality":"text+image->text+image","input_modalities":["image","text"],
                                   "output_modalities":["image","text"]},
                   "pricing":{"prompt":"0.0000003","completion":"0.0000025"},"future_field":{"x":1}}
                ]}
                """));

        List<ModelInfo> models = client().models();

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/models");
        assertThat(sent.getHeaders().get("Authorization")).isNull();
        assertThat(models).hasSize(2);
        ModelInfo mini = models.get(0);
        assertThat(mini.id()).isEqualTo("openai/gpt-4o-mini");
        assertThat(mini.name()).isEqualTo("OpenAI: GPT-4o-mini");
        assertThat(mini.contextLength()).isEqualTo(128000);
        assertThat(mini.pricing().prompt()).isEqualByComparingTo(new BigDecimal("0.00000015"));
        assertThat(mini.pricing().completion()).isEqualByComparingTo("0.0000006");
        assertThat(mini.inputModalities()).containsExactly("text", "image", "file");
        assertThat(mini.topProvider().maxCompletionTokens()).isEqualTo(16384);
        assertThat(mini.supportedParameters()).contains("temperature");
        assertThat(mini.outputsImages()).isFalse();
        assertThat(models.get(1).outputsImages()).isTrue();
        assertThat(models.get(1).pricing().request()).isNull();
    }

    @Test
    void models_without_a_data_array_are_an_unexpected_response() {
        server.enqueue(json(200, "{\"models\":[]}"));
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class, () -> client().models());
        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESPONSE);
        assertThat(e.problem()).contains("\"data\" array");
    }

    @Test
    void a_model_whose_price_is_not_a_number_is_an_unexpected_response() {
        server.enqueue(json(200, "{\"data\":[{\"id\":\"x/y\",\"pricing\":{\"prompt\":\"free!\"}}]}"));
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class, () -> client().models());
        assertThat(e.kind()).isEqualTo(Kind.UNEXPECTED_RESPONSE);
        assertThat(e.problem()).contains("ModelInfo");
    }

    @Test
    void key_reads_label_limits_and_usage() throws Exception {
        server.enqueue(json(200, """
                {"data":{"label":"sk-or-v1-abc...def","limit":null,"limit_remaining":null,"limit_reset":null,
                 "usage":12.5,"usage_daily":0.25,"usage_weekly":3,"usage_monthly":12.5,"is_free_tier":false,
                 "is_provisioning_key":false,"expires_at":null,"rate_limit":{"requests":-1,"interval":"10s"}}}
                """));

        KeyInfo info = client().key(key);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/key");
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY_TEXT);
        assertThat(info.label()).isEqualTo("sk-or-v1-abc...def");
        assertThat(info.unlimited()).isTrue();
        assertThat(info.usage()).isEqualByComparingTo("12.5");
        assertThat(info.usageWeekly()).isEqualByComparingTo("3");
        assertThat(info.freeTier()).isFalse();
    }

    @Test
    void key_with_a_limit_reports_what_remains() {
        server.enqueue(json(200, "{\"data\":{\"label\":\"ops\",\"limit\":10,\"limit_remaining\":2.5,"
                + "\"limit_reset\":\"monthly\",\"usage\":7.5,\"is_free_tier\":true}}"));
        KeyInfo info = client().key(key);
        assertThat(info.unlimited()).isFalse();
        assertThat(info.limitRemaining()).isEqualByComparingTo("2.5");
        assertThat(info.limitReset()).isEqualTo("monthly");
        assertThat(info.freeTier()).isTrue();
    }

    @Test
    void an_invalid_key_is_told_as_such() {
        server.enqueue(json(401, MockOpenRouter.error(401, "User not found.")));
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class, () -> client().key(key));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_KEY);
        assertThat(e.problem()).startsWith("Checking the OpenRouter key failed");
    }

    @Test
    void generation_asks_by_id_and_reads_the_stats() throws Exception {
        server.enqueue(json(200, """
                {"data":{"id":"gen-123","model":"openai/gpt-4o-mini","provider_name":"OpenAI",
                 "created_at":"2025-06-01T12:00:00Z","latency":850,"generation_time":640,"tokens_prompt":12,
                 "tokens_completion":3,"total_cost":0.0000123,"finish_reason":"stop","native_finish_reason":"stop",
                 "cancelled":false,"streamed":true}}
                """));

        GenerationStats stats = client().generation("gen-123", key);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/v1/generation");
        assertThat(sent.getUrl().queryParameter("id")).isEqualTo("gen-123");
        assertThat(stats.providerName()).isEqualTo("OpenAI");
        assertThat(stats.latency()).isEqualTo(850L);
        assertThat(stats.tokensCompletion()).isEqualTo(3);
        assertThat(stats.totalCost()).isEqualByComparingTo("0.0000123");
        assertThat(stats.streamed()).isTrue();
        assertThat(stats.cancelled()).isFalse();
    }

    @Test
    void an_unknown_generation_is_not_found() {
        server.enqueue(json(404, MockOpenRouter.error(404, "Generation not found")));
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client().generation("gen-missing", key));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void the_preview_shows_the_request_with_the_key_masked() {
        HttpRequestPreview preview = client().preview(request(), true);
        assertThat(preview.method()).isEqualTo("POST");
        assertThat(preview.url()).isEqualTo(server.url("/api/v1/chat/completions").toString());
        assertThat(preview.headers()).containsEntry("Authorization", "Bearer " + HttpRequestPreview.MASKED_KEY)
                .containsEntry("HTTP-Referer", "https://x402.jobs").containsEntry("X-Title", "x402.jobs");
        assertThat(preview.body()).isEqualTo(request().withStream(true).toJson());
    }

    @Test
    void the_defaults_point_at_openrouter() {
        OpenRouterClient client = OpenRouterClient.create();
        assertThat(client.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(client.preview(request(), false).url()).isEqualTo("https://openrouter.ai/api/v1/chat/completions");
    }

    @Test
    void infinite_timeouts_and_non_urls_are_refused() {
        assertThatThrownBy(() -> OpenRouterClient.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenRouterClient.builder().callTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenRouterClient.builder().baseUrl("openrouter.ai/api/v1"))
                .hasMessageContaining("Not an http(s) URL");
        assertThatThrownBy(() -> OpenRouterClient.builder().maxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
