package jobs.x402.console.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/** One entry of GET /models. Prices are USD per token (OpenRouter sends them as strings; -1 means variable). */
public record ModelInfo(String id,
                        @JsonProperty("canonical_slug") String canonicalSlug,
                        String name,
                        Long created,
                        String description,
                        @JsonProperty("context_length") Integer contextLength,
                        Architecture architecture,
                        Pricing pricing,
                        @JsonProperty("top_provider") TopProvider topProvider,
                        @JsonProperty("supported_parameters") List<String> supportedParameters,
                        @JsonProperty("expiration_date") String expirationDate) {

    public record Architecture(String modality,
                               @JsonProperty("input_modalities") List<String> inputModalities,
                               @JsonProperty("output_modalities") List<String> outputModalities,
                               String tokenizer) {
    }

    public record Pricing(BigDecimal prompt, BigDecimal completion, BigDecimal request, BigDecimal image,
                          @JsonProperty("web_search") BigDecimal webSearch,
                          @JsonProperty("internal_reasoning") BigDecimal internalReasoning) {
    }

    public record TopProvider(@JsonProperty("context_length") Integer contextLength,
                              @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
                              @JsonProperty("is_moderated") Boolean moderated) {
    }

    public List<String> inputModalities() {
        return architecture == null || architecture.inputModalities() == null ? List.of()
                : architecture.inputModalities();
    }

    public List<String> outputModalities() {
        return architecture == null || architecture.outputModalities() == null ? List.of()
                : architecture.outputModalities();
    }

    /** True when the model can produce images, the case where the backend adds {@code modalities}. */
    public boolean outputsImages() {
        return outputModalities().contains("image");
    }
}
