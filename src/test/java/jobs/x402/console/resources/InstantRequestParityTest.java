package jobs.x402.console.resources;

import jobs.x402.console.core.OperatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parity table: for each resource and input, the body the backend's rules (docs/backend-behaviour.md §4) produce, written
 * out by hand as Node's JSON.stringify would print it. The builder must match byte for byte.
 */
class InstantRequestParityTest {
    static final CatalogModel GPT = new CatalogModel(UUID.fromString("a0000000-0000-4000-8000-000000000001"),
            "openai/gpt-4o-mini", "GPT-4o mini", "text", true);
    static final CatalogModel IMAGE = new CatalogModel(UUID.fromString("a0000000-0000-4000-8000-000000000003"),
            "google/gemini-2.5-flash-image-preview", "Gemini Image", "image", true);
    static final CatalogModel RETIRED = new CatalogModel(UUID.fromString("a0000000-0000-4000-8000-000000000006"),
            "openai/gpt-4-turbo-preview", "GPT-4 Turbo", "text", false);

    static final List<PromptParameter> HAIKU_PARAMS = List.of(
            new PromptParameter("topic", "What the haiku is about", true, null),
            new PromptParameter("mood", "Tone", false, "calm"));
    static final String HAIKU_PROMPT = "Write one haiku about {topic}{/topic} in a {mood}{/mood} mood.";

    static InstantDefinition resource(String config, List<PromptParameter> params, boolean allowsUser,
                                      CatalogModel model) {
        return new InstantDefinition("resource test", StoredInstantConfig.parse(config, "resource test"), params,
                allowsUser, model == null ? null : model.id(), model);
    }

    static RunInputs inputs(String userMessage, Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return new RunInputs(map, userMessage);
    }

    static Stream<Arguments> table() {
        String flat = "{\"systemPrompt\":\"" + HAIKU_PROMPT + "\",\"temperature\":0.7,\"maxTokens\":512}";
        return Stream.of(
                Arguments.of("flat config, value and default substituted, default user message",
                        resource(flat, HAIKU_PARAMS, false, GPT), inputs(null, "topic", "autumn"),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"Write one haiku about autumn in a calm mood.\"},{\"role\":\"user\",\"content\":"
                                + "\"Please respond based on the system instructions.\"}],\"temperature\":0.7,"
                                + "\"max_tokens\":512,\"top_p\":1,\"stream\":false}"),
                Arguments.of("given value beats the default",
                        resource(flat, HAIKU_PARAMS, false, GPT), inputs(null, "topic", "rain", "mood", "gloomy"),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"Write one haiku about rain in a gloomy mood.\"},{\"role\":\"user\",\"content\":"
                                + "\"Please respond based on the system instructions.\"}],\"temperature\":0.7,"
                                + "\"max_tokens\":512,\"top_p\":1,\"stream\":false}"),
                Arguments.of("nothing set: temperature 1, max_tokens 4096, top_p 1, no penalties",
                        resource("{\"systemPrompt\":\"Be brief.\"}", List.of(), false, GPT), inputs(null),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"Please respond based on the system"
                                + " instructions.\"}],\"temperature\":1,\"max_tokens\":4096,\"top_p\":1,"
                                + "\"stream\":false}"),
                Arguments.of("penalties only when set, zero included; temperature 0 kept",
                        resource("{\"systemPrompt\":\"P\",\"temperature\":0,\"topP\":0.9,\"frequencyPenalty\":0,"
                                + "\"presencePenalty\":-0.5}", List.of(), false, GPT), inputs(null),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"P\"},"
                                + "{\"role\":\"user\",\"content\":\"Please respond based on the system instructions."
                                + "\"}],\"temperature\":0,\"max_tokens\":4096,\"top_p\":0.9,\"frequency_penalty\":0,"
                                + "\"presence_penalty\":-0.5,\"stream\":false}"),
                Arguments.of("user message accepted when allowed",
                        resource("{\"systemPrompt\":\"Rewrite politely for {audience}{/audience}.\"}",
                                List.of(new PromptParameter("audience", null, false, "colleagues")), true, GPT),
                        inputs("fix this now"),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"Rewrite politely for colleagues.\"},{\"role\":\"user\",\"content\":"
                                + "\"fix this now\"}],\"temperature\":1,\"max_tokens\":4096,\"top_p\":1,"
                                + "\"stream\":false}"),
                Arguments.of("empty user message counts as none",
                        resource("{\"systemPrompt\":\"P\"}", List.of(), false, GPT), inputs(""),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"P\"},"
                                + "{\"role\":\"user\",\"content\":\"Please respond based on the system instructions."
                                + "\"}],\"temperature\":1,\"max_tokens\":4096,\"top_p\":1,\"stream\":false}"),
                Arguments.of("image model asks for image and text",
                        resource("{\"systemPrompt\":\"Draw a {thing}{/thing}\"}",
                                List.of(new PromptParameter("thing", null, true, null)), false, IMAGE),
                        inputs(null, "thing", "cat"),
                        "{\"model\":\"google/gemini-2.5-flash-image-preview\",\"messages\":[{\"role\":\"system\","
                                + "\"content\":\"Draw a cat\"},{\"role\":\"user\",\"content\":\"Please respond based "
                                + "on the system instructions.\"}],\"temperature\":1,\"max_tokens\":4096,\"top_p\":1,"
                                + "\"stream\":false,\"modalities\":[\"image\",\"text\"]}"),
                Arguments.of("nested-only settings: the live backend runs with defaults",
                        resource("{\"modelId\":\"openai/gpt-4o-mini\",\"systemPrompt\":\"P\",\"params\":"
                                + "{\"temperature\":0.3,\"maxTokens\":100,\"topP\":0.5}}", List.of(), false, GPT),
                        inputs(null),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"P\"},"
                                + "{\"role\":\"user\",\"content\":\"Please respond based on the system instructions."
                                + "\"}],\"temperature\":1,\"max_tokens\":4096,\"top_p\":1,\"stream\":false}"),
                Arguments.of("every occurrence replaced; undeclared and valueless tags stay",
                        resource("{\"systemPrompt\":\"{a}{/a} and {a}{/a}; {b}{/b}; {x}{/x}\"}",
                                List.of(new PromptParameter("a", null, false, null),
                                        new PromptParameter("b", null, false, null)), false, GPT),
                        inputs(null, "a", "1", "x", "ignored"),
                        "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"1 and 1; {b}{/b}; {x}{/x}\"},{\"role\":\"user\",\"content\":\"Please respond "
                                + "based on the system instructions.\"}],\"temperature\":1,\"max_tokens\":4096,"
                                + "\"top_p\":1,\"stream\":false}"),
                Arguments.of("inactive model still sent; unicode and quotes escaped as JSON.stringify does",
                        resource("{\"systemPrompt\":\"Say \\\"h\u00e9llo\\\" \\u2014 {n}{/n}\\n\"}",
                                List.of(new PromptParameter("n", null, false, null)), false, RETIRED),
                        inputs(null, "n", "\u65e5\u672c"),
                        "{\"model\":\"openai/gpt-4-turbo-preview\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"Say \\\"h\u00e9llo\\\" \u2014 \u65e5\u672c\\n\"},{\"role\":\"user\",\"content\":"
                                + "\"Please respond based on the system instructions.\"}],\"temperature\":1,"
                                + "\"max_tokens\":4096,\"top_p\":1,\"stream\":false}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theBuiltRequestIsTheBackendsByteForByte(String name, InstantDefinition resource, RunInputs inputs,
                                                 String expected) {
        assertThat(InstantRequestBuilder.build(resource, inputs).request().toJson()).isEqualTo(expected);
    }

    @Test
    void aConsoleWrittenConfigReadsTheSameForBothReaders() {
        InstantConfig config = new InstantConfig(HAIKU_PROMPT, 0.3, 256, 0.9, 0.5, null, "openai/gpt-4o-mini");
        InstantDefinition resource = new InstantDefinition("r", StoredInstantConfig.of(config, "r"), HAIKU_PARAMS,
                false, GPT.id(), GPT);
        InstantRequestBuilder.RequestComparison comparison =
                InstantRequestBuilder.compare(resource, inputs(null, "topic", "sea"));
        assertThat(comparison.identical()).isTrue();
        assertThat(comparison.live().request().toJson()).contains("\"temperature\":0.3", "\"max_tokens\":256",
                "\"top_p\":0.9", "\"frequency_penalty\":0.5").doesNotContain("presence_penalty");
    }

    @Test
    void aNestedOnlyConfigListsEachDifference() {
        InstantDefinition resource = resource("{\"systemPrompt\":\"P\",\"params\":{\"temperature\":0.3,"
                + "\"presencePenalty\":1}}", List.of(), false, GPT);
        InstantRequestBuilder.RequestComparison comparison = InstantRequestBuilder.compare(resource, inputs(null));
        assertThat(comparison.differences()).extracting(InstantRequestBuilder.FieldDifference::field)
                .containsExactly("temperature", "presence_penalty");
        assertThat(comparison.differences().get(0).sentence())
                .isEqualTo("live backend will send temperature 1, not 0.3 as configured");
        assertThat(comparison.differences().get(1).sentence())
                .isEqualTo("live backend will send presence_penalty (not sent), not 1 as configured");
    }

    @Test
    void refusalsUseTheBackendsWordsInItsOrder() {
        String flat = "{\"systemPrompt\":\"" + HAIKU_PROMPT + "\"}";
        assertRefused(resource(flat, HAIKU_PARAMS, false, GPT), inputs(null), "Missing required parameter: topic");
        assertRefused(resource(flat, HAIKU_PARAMS, false, GPT), inputs(null, "topic", ""),
                "Missing required parameter: topic");
        assertRefused(resource(flat, HAIKU_PARAMS, false, GPT), inputs(null, "topic", 42),
                "Parameter topic must be a string, got a number");
        assertRefused(resource(flat, HAIKU_PARAMS, false, GPT), inputs(null, "topic", "x", "mood", true),
                "Parameter mood must be a string, got a boolean");
        assertRefused(resource(flat, HAIKU_PARAMS, false, GPT), inputs("hi", "topic", "x"),
                "User message not allowed");
        assertRefused(resource("{}", List.of(), false, GPT), inputs(null), "systemPrompt of resource test is missing");
        assertRefused(resource("{\"systemPrompt\":\"\"}", List.of(), false, GPT), inputs(null),
                "is empty or not text");
        assertRefused(resource("{\"systemPrompt\":\"P\"}", List.of(), false, null), inputs(null),
                "has no model");
        InstantDefinition deleted = new InstantDefinition("resource test",
                StoredInstantConfig.parse("{\"systemPrompt\":\"P\"}", "x"), List.of(), false, UUID.randomUUID(), null);
        assertRefused(deleted, inputs(null), "which is not in the model catalog (deleted?)");
        assertRefused(resource("{\"systemPrompt\":\"P\",\"temperature\":\"0.3\"}", List.of(), false, GPT),
                inputs(null), "openrouter_config.temperature of resource test is the text \"0.3\", not a number");
    }

    @Test
    void invalidJsonAndTenMegabytePromptsAreRefusedPlainly() {
        assertThatThrownBy(() -> StoredInstantConfig.parse("{\"systemPrompt\": \"P\"", "resource r"))
                .isInstanceOf(OperatorException.class).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> StoredInstantConfig.parse("[1,2]", "resource r"))
                .isInstanceOf(OperatorException.class).hasMessageContaining("not an object");
        String huge = "x".repeat(10 * 1024 * 1024);
        InstantDefinition resource = new InstantDefinition("resource big", StoredInstantConfig.of(
                new InstantConfig(huge, null, null, null, null, null, null), "r"), List.of(), false, GPT.id(), GPT);
        assertRefused(resource, inputs(null), "The system prompt of resource big is 10,485,760 bytes");
    }

    @Test
    void notesNameIgnoredInputsLeftTagsAndInactiveModels() {
        InstantDefinition resource = resource("{\"systemPrompt\":\"{a}{/a} {b}{/b}\"}",
                List.of(new PromptParameter("a", null, false, null)), false, RETIRED);
        List<String> notes = InstantRequestBuilder.build(resource, inputs(null, "zzz", "1")).notes();
        assertThat(notes).anyMatch(n -> n.contains("zzz is not declared"))
                .anyMatch(n -> n.contains("left as written") && n.contains("a, b"))
                .anyMatch(n -> n.contains("inactive"));
    }

    private static void assertRefused(InstantDefinition resource, RunInputs inputs, String message) {
        assertThatThrownBy(() -> InstantRequestBuilder.build(resource, inputs))
                .isInstanceOf(OperatorException.class)
                .satisfies(e -> assertThat(((OperatorException) e).problem()).contains(message));
    }
}
