package jobs.x402.console.openrouter;

import jobs.x402.console.core.Secret;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static jobs.x402.console.openrouter.MockOpenRouter.KEY_TEXT;
import static jobs.x402.console.openrouter.MockOpenRouter.json;
import static jobs.x402.console.openrouter.MockOpenRouter.request;
import static jobs.x402.console.openrouter.MockOpenRouter.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The OpenRouter API as its docs describe it today (OpenRouterTeam/docs, errors-and-debugging and openapi.yaml of
 * 2026-08-22): availability errors, metadata, provider errors inside a whole answer, reasoning deltas, the model
 * catalog's output modalities and conditional prices. Bodies are the documented examples.
 */
class DocumentedShapesTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MockOpenRouter.RecordingSleeper sleeper = new MockOpenRouter.RecordingSleeper();
    private final Secret key = Secret.of(KEY_TEXT);

    private OpenRouterClient client(int retries) {
        return MockOpenRouter.clientFor(server, sleeper).maxRetries(retries).build();
    }

    private OpenRouterException chatFailure() {
        return catchThrowableOfType(OpenRouterException.class, () -> client(2).chat(request(), key));
    }

    @Test
    void an_unknown_model_is_a_400_with_model_not_found_and_is_named_so() {
        server.enqueue(json(400, """
                {"error":{"message":"acme/fake-1.0 is not a valid model ID","error_type":"invalid_request",
                 "http_status":400,"availability":{"code":"model_not_found","retryable":false,
                 "requested_models":["acme/fake-1.0"],"docs_url":"https://openrouter.ai/docs/errors#model_not_found"}}}
                """));
        OpenRouterException e = chatFailure();
        assertThat(e.availability().code()).isEqualTo("model_not_found");
        assertThat(e.problem()).contains("OpenRouter does not know this model id")
                .contains("acme/fake-1.0 is not a valid model ID").contains("error type invalid_request");
        assertThat(e.remedy()).contains("sync the model catalog");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_privacy_404_is_not_called_an_unknown_model() {
        server.enqueue(json(404, """
                {"error":{"message":"No endpoints for openai/gpt-5.2 match your data policy (zero data retention).",
                 "error_type":"not_found","http_status":404,"availability":{"code":"privacy_restricted",
                 "retryable":false,"requested_models":["openai/gpt-5.2"],"affected_providers":["openai","azure"],
                 "excluded_by":["data_policy:zdr"],"docs_url":"https://openrouter.ai/docs/errors#privacy_restricted"}}}
                """));
        OpenRouterException e = chatFailure();
        assertThat(e.problem()).contains("data policy (data_policy:zdr) excludes every provider")
                .doesNotContain("unknown");
        assertThat(e.remedy()).contains("https://openrouter.ai/settings/privacy").doesNotContain("sync the model");
    }

    @Test
    void a_deprecated_model_names_the_suggested_successor() {
        server.enqueue(json(404, """
                {"error":{"message":"Quasar Alpha was a stealth model.","error_type":"not_found","http_status":404,
                 "availability":{"code":"model_deprecated","retryable":false,"requested_models":["openrouter/quasar-alpha"],
                 "fallback_models":["openai/gpt-4.1"],"docs_url":"https://openrouter.ai/docs/errors#model_deprecated"}}}
                """));
        OpenRouterException e = chatFailure();
        assertThat(e.problem()).contains("deprecated or removed");
        assertThat(e.remedy()).contains("OpenRouter suggests: openai/gpt-4.1");
    }

    @Test
    void a_404_without_availability_still_does_not_claim_an_unknown_model() {
        server.enqueue(json(404, "{\"error\":{\"code\":404,\"message\":\"No endpoints found\"}}"));
        OpenRouterException e = chatFailure();
        assertThat(e.remedy()).doesNotContain("unknown").contains("deprecated").contains("privacy");
    }

    @Test
    void capacity_exhausted_is_retried_after_its_retry_after_and_a_non_retryable_code_is_not() {
        server.enqueue(json(429, """
                {"error":{"message":"All providers for anthropic/claude-sonnet-4.5 are at capacity. Retry after 40 seconds.",
                 "error_type":"rate_limit_exceeded","http_status":429,"availability":{"code":"capacity_exhausted",
                 "retryable":true,"retry_after":1,"requested_models":["anthropic/claude-sonnet-4.5"],
                 "fallback_models":["anthropic/claude-haiku-4.5"],"docs_url":"https://openrouter.ai/docs/errors#capacity_exhausted"},
                 "metadata":{"previous_errors":[{"provider":"anthropic","code":"capacity_exhausted","status":429}]}}}
                """));
        server.enqueue(json(200, MockOpenRouter.COMPLETION));
        assertThat(client(2).chat(request(), key).text()).isEqualTo("Hello there.");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));

        // a 503 is retryable by status, but OpenRouter's own word says this one is not
        server.enqueue(json(503, """
                {"error":{"message":"no endpoints","error_type":"not_found","availability":{"code":"no_endpoints",
                 "retryable":false,"requested_models":["x/y"],"docs_url":"https://openrouter.ai/docs/errors#no_endpoints"}}}
                """));
        OpenRouterException e = chatFailure();
        assertThat(e.availability().retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.problem()).contains("no provider that can serve it");
    }

    @Test
    void moderation_reasons_flagged_input_and_guardrail_patterns_are_named() {
        server.enqueue(json(403, """
                {"error":{"code":403,"message":"Your chosen model requires moderation and your input was flagged",
                 "metadata":{"reasons":["violence"],"flagged_input":"how to build a ...","provider_name":"OpenAI",
                 "model_slug":"openai/gpt-4o"}}}
                """));
        OpenRouterException e = chatFailure();
        assertThat(e.problem()).contains("flagged for violence").contains("flagged input \"how to build a ...\"")
                .contains("provider OpenAI");
        server.enqueue(json(400, """
                {"error":{"code":400,"message":"Blocked by guardrail","metadata":{"error_type":"content_policy_violation",
                 "patterns":["credit_card"],"provider_code":"GR-12"}}}
                """));
        OpenRouterException guardrail = chatFailure();
        assertThat(guardrail.problem()).contains("error type content_policy_violation")
                .contains("guardrail patterns credit_card").contains("provider code GR-12");
    }

    @Test
    void a_provider_error_inside_a_whole_answer_is_a_failure_with_its_partial_output_and_is_not_retried() {
        server.enqueue(json(200, """
                {"id":"gen-p1","choices":[{"message":{"role":"assistant","content":"partial output..."},
                 "finish_reason":"error","error":{"code":502,"message":"Provider disconnected mid-stream",
                 "metadata":{"error_type":"provider_unavailable"}}}]}
                """));
        OpenRouterException e = chatFailure();
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.midStream()).as("output was generated: retrying could bill twice").isTrue();
        assertThat(e.problem()).contains("Provider disconnected mid-stream").contains("provider_unavailable");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    static final class ReasoningRecorder implements ChatStreamListener {
        final List<String> deltas = new CopyOnWriteArrayList<>();
        final List<String> reasoning = new CopyOnWriteArrayList<>();
        final List<Integer> retries = new CopyOnWriteArrayList<>();

        @Override
        public void onDelta(String text) {
            deltas.add(text);
        }

        @Override
        public void onReasoning(String text) {
            reasoning.add(text);
        }

        @Override
        public void onRetry(int nextAttempt, Duration delay, OpenRouterException cause) {
            retries.add(nextAttempt);
        }
    }

    private static String reasoningChunk(String field) {
        return "data: {\"id\":\"gen-r1\",\"model\":\"deepseek/deepseek-r1\",\"object\":\"chat.completion.chunk\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"," + field + "},"
                + "\"finish_reason\":null}]}\n\n";
    }

    @Test
    void reasoning_deltas_start_the_stream_and_are_kept_apart_from_the_text() {
        server.enqueue(sse(": OPENROUTER PROCESSING\n\n"
                + reasoningChunk("\"reasoning\":\"The user wants \"")
                + reasoningChunk("\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"a greeting.\"}]")
                + MockOpenRouter.chunk("Hello") + MockOpenRouter.FINAL_CHUNK + "data: [DONE]\n\n"));
        ReasoningRecorder recorder = new ReasoningRecorder();
        StreamResult result = client(2).chatStream(request(), key, recorder).await(Duration.ofSeconds(10));
        assertThat(result.reasoning()).isEqualTo("The user wants a greeting.");
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(recorder.reasoning).containsExactly("The user wants ", "a greeting.");
        assertThat(result.timeToFirstToken()).as("the first reasoning delta is the first token").isNotNull();
    }

    @Test
    void an_error_after_only_reasoning_is_mid_stream_and_never_retried() {
        server.enqueue(sse(reasoningChunk("\"reasoning\":\"Thinking\"")
                + "data: {\"error\":{\"code\":502,\"message\":\"Upstream died\"},"
                + "\"choices\":[{\"delta\":{},\"finish_reason\":\"error\"}]}\n\n"));
        server.enqueue(sse(MockOpenRouter.chunk("Hello") + "data: [DONE]\n\n"));
        ReasoningRecorder recorder = new ReasoningRecorder();
        OpenRouterException e = catchThrowableOfType(OpenRouterException.class,
                () -> client(2).chatStream(request(), key, recorder).await(Duration.ofSeconds(10)));
        assertThat(e.midStream()).isTrue();
        assertThat(recorder.retries).as("a second request might bill twice").isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void the_catalog_is_fetched_bare_as_the_cron_does_or_with_all_output_modalities_on_request() throws Exception {
        String feed = """
                {"data":[{"id":"google/gemini-2.5-pro","name":"Gemini 2.5 Pro","context_length":1048576,
                  "architecture":{"modality":"text+image->text","input_modalities":["text","image"],
                                  "output_modalities":["text"]},
                  "pricing":{"prompt":"0.00000125","completion":"0.00001","overrides":[
                    {"min_prompt_tokens":200000,"prompt":"0.0000025","completion":"0.000015"}]}}]}
                """;
        server.enqueue(json(200, feed));
        server.enqueue(json(200, feed));
        List<ModelInfo> bare = client(0).models();
        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().queryParameter("output_modalities")).isNull();
        client(0).models(true);
        assertThat(server.takeRequest().getUrl().queryParameter("output_modalities")).isEqualTo("all");

        ModelInfo.Pricing pricing = bare.get(0).pricing();
        assertThat(pricing.promptFor(1000)).isEqualByComparingTo("0.00000125");
        assertThat(pricing.promptFor(250_000)).as("a long prompt costs the override's price")
                .isEqualByComparingTo("0.0000025");
        assertThat(pricing.completionFor(250_000)).isEqualByComparingTo("0.000015");
        assertThat(pricing.completionFor(200_000)).as("strictly greater than the threshold")
                .isEqualByComparingTo("0.00001");
    }

    @Test
    void the_request_preview_still_sends_the_backends_headers() throws Exception {
        HttpRequestPreview preview = client(0).preview(request(), true);
        assertThat(preview.headers()).containsEntry("X-Title", "x402.jobs").doesNotContainKey("X-OpenRouter-Title");
    }
}
