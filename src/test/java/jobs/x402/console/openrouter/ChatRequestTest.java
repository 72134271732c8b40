package jobs.x402.console.openrouter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatRequestTest {

    private static ChatRequest.Builder backendDefaults() {
        return ChatRequest.builder()
                .model("openai/gpt-4o-mini")
                .message(ChatMessage.system("You summarise {topic}news{/topic}."))
                .message(ChatMessage.user("Please respond based on the system instructions."))
                .temperature(1.0)
                .maxTokens(4096)
                .topP(1.0);
    }

    @Test
    void a_request_with_the_backend_defaults_serialises_as_node_would_send_it() {
        assertThat(backendDefaults().build().toJson()).isEqualTo(
                "{\"model\":\"openai/gpt-4o-mini\",\"messages\":["
                        + "{\"role\":\"system\",\"content\":\"You summarise {topic}news{/topic}.\"},"
                        + "{\"role\":\"user\",\"content\":\"Please respond based on the system instructions.\"}],"
                        + "\"temperature\":1,\"max_tokens\":4096,\"top_p\":1,\"stream\":false}");
    }

    @Test
    void penalties_and_modalities_appear_only_when_set_in_the_backend_order() {
        String json = backendDefaults().temperature(0.3).frequencyPenalty(0.5).presencePenalty(-1.25)
                .modalities(ChatRequest.IMAGE_MODALITIES).stream(true).build().toJson();
        assertThat(json).endsWith("\"temperature\":0.3,\"max_tokens\":4096,\"top_p\":1,\"frequency_penalty\":0.5,"
                + "\"presence_penalty\":-1.25,\"stream\":true,\"modalities\":[\"image\",\"text\"]}");
    }

    @Test
    void unset_sampling_fields_are_omitted_not_written_as_null() {
        String json = ChatRequest.builder().model("m").message(ChatMessage.user("hi")).build().toJson();
        assertThat(json).isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream\":false}");
    }

    @ParameterizedTest
    @CsvSource({"1.0,1", "0.0,0", "-2.0,-2", "0.7,0.7", "0.0001,0.0001", "0.000001,0.000001", "1.0E-7,1e-7",
            "1.5E-7,1.5e-7", "12345678.5,12345678.5"})
    void numbers_are_written_as_javascript_writes_them(double value, String expected) {
        String json = ChatRequest.builder().model("m").message(ChatMessage.user("x")).temperature(value).build()
                .toJson();
        assertThat(json).contains("\"temperature\":" + expected + ",");
    }

    @Test
    void with_stream_changes_only_the_flag_and_keeps_the_value_immutable() {
        ChatRequest plain = backendDefaults().frequencyPenalty(0.1).build();
        ChatRequest streaming = plain.withStream(true);
        assertThat(plain.stream()).isFalse();
        assertThat(streaming.stream()).isTrue();
        assertThat(streaming.withStream(false)).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(plain.withStream(false)).isSameAs(plain);
        assertThatThrownBy(() -> plain.messages().add(ChatMessage.user("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void to_string_names_the_model_but_not_the_prompt() {
        ChatRequest request = backendDefaults().build();
        assertThat(request.toString()).contains("openai/gpt-4o-mini").doesNotContain("summarise");
    }

    @Test
    void a_request_without_model_or_messages_is_refused() {
        assertThatThrownBy(() -> ChatRequest.builder().message(ChatMessage.user("x")).build())
                .hasMessageContaining("model");
        assertThatThrownBy(() -> ChatRequest.builder().model("m").messages(List.of()).build())
                .hasMessageContaining("message");
    }

    @Test
    void asks_for_images_only_with_the_image_modality() {
        assertThat(backendDefaults().build().asksForImages()).isFalse();
        assertThat(backendDefaults().modalities(ChatRequest.IMAGE_MODALITIES).build().asksForImages()).isTrue();
    }
}
