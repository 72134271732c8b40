package jobs.x402.console.openrouter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import jobs.x402.console.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The body of POST /chat/completions, immutable. Optional fields left null are omitted from the JSON, in the order
 * and number format the x402 backend (Node) sends them, so a built request can be compared with the backend's byte
 * for byte.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "messages", "temperature", "max_tokens", "top_p", "frequency_penalty",
        "presence_penalty", "stream", "modalities"})
public final class ChatRequest {
    /** What the backend asks image models for (docs/backend-behaviour.md section 4.6). */
    public static final List<String> IMAGE_MODALITIES = List.of("image", "text");

    private final String model;
    private final List<ChatMessage> messages;
    private final Double temperature;
    private final Integer maxTokens;
    private final Double topP;
    private final Double frequencyPenalty;
    private final Double presencePenalty;
    private final boolean stream;
    private final List<String> modalities;

    private ChatRequest(Builder b) {
        this.model = requireText(b.model, "model");
        if (b.messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        this.messages = List.copyOf(b.messages);
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
        this.topP = b.topP;
        this.frequencyPenalty = b.frequencyPenalty;
        this.presencePenalty = b.presencePenalty;
        this.stream = b.stream;
        this.modalities = b.modalities == null ? null : List.copyOf(b.modalities);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().model(model).messages(messages).temperature(temperature).maxTokens(maxTokens)
                .topP(topP).frequencyPenalty(frequencyPenalty).presencePenalty(presencePenalty).stream(stream);
        return b.modalities(modalities);
    }

    /** The same request with the stream flag set as given; the client sets it per call. */
    public ChatRequest withStream(boolean value) {
        return value == stream ? this : toBuilder().stream(value).build();
    }

    @JsonProperty("model")
    public String model() {
        return model;
    }

    @JsonProperty("messages")
    public List<ChatMessage> messages() {
        return messages;
    }

    @JsonProperty("temperature")
    @JsonSerialize(using = JavaScriptNumberSerializer.class)
    public Double temperature() {
        return temperature;
    }

    @JsonProperty("max_tokens")
    public Integer maxTokens() {
        return maxTokens;
    }

    @JsonProperty("top_p")
    @JsonSerialize(using = JavaScriptNumberSerializer.class)
    public Double topP() {
        return topP;
    }

    @JsonProperty("frequency_penalty")
    @JsonSerialize(using = JavaScriptNumberSerializer.class)
    public Double frequencyPenalty() {
        return frequencyPenalty;
    }

    @JsonProperty("presence_penalty")
    @JsonSerialize(using = JavaScriptNumberSerializer.class)
    public Double presencePenalty() {
        return presencePenalty;
    }

    @JsonProperty("stream")
    public boolean stream() {
        return stream;
    }

    @JsonProperty("modalities")
    public List<String> modalities() {
        return modalities;
    }

    @JsonIgnore
    public boolean asksForImages() {
        return modalities != null && modalities.contains("image");
    }

    /** Compact JSON, exactly what goes on the wire. */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise a chat request", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ChatRequest r)) {
            return false;
        }
        return stream == r.stream && model.equals(r.model) && messages.equals(r.messages)
                && Objects.equals(temperature, r.temperature) && Objects.equals(maxTokens, r.maxTokens)
                && Objects.equals(topP, r.topP) && Objects.equals(frequencyPenalty, r.frequencyPenalty)
                && Objects.equals(presencePenalty, r.presencePenalty) && Objects.equals(modalities, r.modalities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, messages, temperature, maxTokens, topP, frequencyPenalty, presencePenalty, stream,
                modalities);
    }

    /** Model and sizes only: prompts can be large and may hold customer data. */
    @Override
    public String toString() {
        return "ChatRequest[model=" + model + ", messages=" + messages.size() + ", stream=" + stream + "]";
    }

    public static final class Builder {
        private String model;
        private List<ChatMessage> messages = List.of();
        private Double temperature;
        private Integer maxTokens;
        private Double topP;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private boolean stream;
        private List<String> modalities;

        private Builder() {
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder messages(List<ChatMessage> value) {
            this.messages = List.copyOf(value);
            return this;
        }

        public Builder message(ChatMessage value) {
            List<ChatMessage> copy = new java.util.ArrayList<>(messages);
            copy.add(Objects.requireNonNull(value));
            this.messages = copy;
            return this;
        }

        public Builder temperature(Double value) {
            this.temperature = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            this.maxTokens = value;
            return this;
        }

        public Builder topP(Double value) {
            this.topP = value;
            return this;
        }

        public Builder frequencyPenalty(Double value) {
            this.frequencyPenalty = value;
            return this;
        }

        public Builder presencePenalty(Double value) {
            this.presencePenalty = value;
            return this;
        }

        public Builder stream(boolean value) {
            this.stream = value;
            return this;
        }

        /** Null omits the field (text models); {@link #IMAGE_MODALITIES} for image models. */
        public Builder modalities(List<String> value) {
            this.modalities = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(this);
        }
    }

    /** Writes 1.0 as {@code 1} and 0.7 as {@code 0.7}, as JavaScript's JSON.stringify does. */
    static final class JavaScriptNumberSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double d = value;
            if (!Double.isFinite(d)) {
                // JSON.stringify writes null for NaN and Infinity
                gen.writeNull();
            } else if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                gen.writeNumber((long) d);
            } else {
                gen.writeNumber(javaScriptText(d));
            }
        }

        static String javaScriptText(double d) {
            String javaText = Double.toString(d);
            if (!javaText.contains("E")) {
                return javaText;
            }
            // Java switches to 1.0E-4 style below 1e-3; JavaScript stays plain down to 1e-6, then writes 1e-7
            if (Math.abs(d) >= 1e-6) {
                return new java.math.BigDecimal(javaText).stripTrailingZeros().toPlainString();
            }
            String text = javaText.replace(".0E", "E").toLowerCase(java.util.Locale.ROOT);
            return text.contains("e-") ? text : text.replace("e", "e+");
        }
    }
}
