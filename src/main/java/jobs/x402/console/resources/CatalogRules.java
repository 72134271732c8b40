package jobs.x402.console.resources;

import jobs.x402.console.openrouter.ModelInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend cron's mapping from OpenRouter's /models to ai_models rows (docs/backend-behaviour.md §5): keep text-capable
 * models, drop embeddings; provider from the id prefix; modality from the output (then input) modalities; prices per
 * million = per-token price × 10⁶; max_tokens = min(0.8 × context_length, 8000), or 4000 without a context length;
 * capabilities {vision, web_search, tool_calling}.
 */
public final class CatalogRules {
    static final int MAX_TOKENS_CAP = 8000;
    static final int MAX_TOKENS_WITHOUT_CONTEXT = 4000;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private CatalogRules() {
    }

    /** A feed entry the cron leaves out, and why. */
    public record Skipped(String openrouterId, String reason) {
    }

    public record Mapped(List<CatalogEntry> entries, List<Skipped> skipped) {
        public Mapped {
            entries = List.copyOf(entries);
            skipped = List.copyOf(skipped);
        }
    }

    public static Mapped map(List<ModelInfo> feed) {
        List<CatalogEntry> entries = new ArrayList<>(feed.size());
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (ModelInfo model : feed) {
            String id = model.id();
            if (id == null || id.isBlank()) {
                skipped.add(new Skipped("(no id)", "the entry has no id"));
                continue;
            }
            if (seen.put(id, Boolean.TRUE) != null) {
                skipped.add(new Skipped(id, "listed twice in the feed; the first entry is kept"));
                continue;
            }
            String reason = exclusionReason(model);
            if (reason != null) {
                skipped.add(new Skipped(id, reason));
                continue;
            }
            entries.add(entry(model));
        }
        return new Mapped(entries, skipped);
    }

    /** Null when the cron keeps the model. */
    static String exclusionReason(ModelInfo model) {
        List<String> out = model.outputModalities();
        List<String> in = model.inputModalities();
        String modality = model.architecture() == null || model.architecture().modality() == null ? ""
                : model.architecture().modality();
        if (out.contains("embeddings") || out.contains("embedding") || modality.endsWith("->embeddings")) {
            return "an embedding model";
        }
        boolean textCapable = in.isEmpty() && out.isEmpty() ? modality.isEmpty() || modality.contains("text")
                : in.contains("text") || out.contains("text");
        return textCapable ? null : "takes and produces no text";
    }

    static CatalogEntry entry(ModelInfo model) {
        String id = model.id();
        int slash = id.indexOf('/');
        String provider = slash > 0 ? id.substring(0, slash) : id;
        Integer context = model.contextLength() != null ? model.contextLength()
                : model.topProvider() == null ? null : model.topProvider().contextLength();
        ModelInfo.Pricing pricing = model.pricing();
        BigDecimal prompt = pricing == null ? null : pricing.prompt();
        BigDecimal completion = pricing == null ? null : pricing.completion();
        Map<String, Boolean> capabilities = new LinkedHashMap<>();
        capabilities.put("vision", model.inputModalities().contains("image"));
        List<String> supported = model.supportedParameters() == null ? List.of() : model.supportedParameters();
        capabilities.put("web_search", supported.contains("web_search_options")
                || (pricing != null && pricing.webSearch() != null && pricing.webSearch().signum() > 0));
        capabilities.put("tool_calling", supported.contains("tools"));
        return new CatalogEntry(id, model.name() == null || model.name().isBlank() ? id : model.name(),
                model.description(), provider, modality(model), context, maxTokens(context),
                prompt == null ? null : prompt.toPlainString(), completion == null ? null : completion.toPlainString(),
                perMillion(prompt), perMillion(completion), capabilities);
    }

    /** One of ai_models' modality values: image, audio or video when the model produces them, else text. */
    static String modality(ModelInfo model) {
        List<String> out = model.outputModalities();
        if (out.contains("image")) {
            return "image";
        }
        if (out.contains("audio")) {
            return "audio";
        }
        if (out.contains("video")) {
            return "video";
        }
        return "text";
    }

    static Integer maxTokens(Integer contextLength) {
        if (contextLength == null || contextLength <= 0) {
            return MAX_TOKENS_WITHOUT_CONTEXT;
        }
        return (int) Math.min(Math.floor(contextLength * 0.8), MAX_TOKENS_CAP);
    }

    static BigDecimal perMillion(BigDecimal perToken) {
        if (perToken == null) {
            return null;
        }
        BigDecimal value = perToken.multiply(MILLION).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
