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

    /**
     * @param overrides conditional prices (long-context tiers and the like): an entry applies when its conditions
     *                  match the request, later entries win per key, absent keys inherit the base price
     */
    public record Pricing(BigDecimal prompt, BigDecimal completion, BigDecimal request, BigDecimal image,
                          @JsonProperty("web_search") BigDecimal webSearch,
                          @JsonProperty("internal_reasoning") BigDecimal internalReasoning,
                          List<PricingOverride> overrides) {

        public Pricing {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
        }

        /** USD per prompt token for a request of this many prompt tokens (long prompts may cost more). */
        public BigDecimal promptFor(long promptTokens) {
            BigDecimal price = prompt;
            for (PricingOverride o : overrides) {
                if (o.appliesTo(promptTokens) && o.prompt() != null) {
                    price = o.prompt();
                }
            }
            return price;
        }

        /** USD per completion token for a request of this many prompt tokens. */
        public BigDecimal completionFor(long promptTokens) {
            BigDecimal price = completion;
            for (PricingOverride o : overrides) {
                if (o.appliesTo(promptTokens) && o.completion() != null) {
                    price = o.completion();
                }
            }
            return price;
        }

        /** The entries that depend on the prompt's size only (time windows are left to OpenRouter). */
        public List<PricingOverride> longContextTiers() {
            return overrides.stream().filter(o -> o.minPromptTokens() != null && o.utcStart() == null
                    && o.utcEnd() == null).toList();
        }
    }

    /** One conditional price of {@code pricing.overrides}. */
    public record PricingOverride(BigDecimal prompt, BigDecimal completion,
                                  @JsonProperty("min_prompt_tokens") Double minPromptTokens,
                                  @JsonProperty("utc_start") String utcStart,
                                  @JsonProperty("utc_end") String utcEnd) {

        /** Applies to a request with strictly more prompt tokens than the threshold (and no time window). */
        boolean appliesTo(long promptTokens) {
            return utcStart == null && utcEnd == null && (minPromptTokens == null || promptTokens > minPromptTokens);
        }
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
