package jobs.x402.console.resources;

import java.math.BigDecimal;
import java.util.UUID;

/** An ai_models row as the model picker and `models list` show it. */
public record ModelChoice(UUID id, String openrouterId, String displayName, String provider, String modality,
                          Integer contextLength, Integer maxTokens, BigDecimal inputCostPerMillion,
                          BigDecimal outputCostPerMillion, boolean active, boolean curated) {

    static ModelChoice of(AiModel m) {
        return new ModelChoice(m.getId(), m.getOpenrouterId(), m.getDisplayName(), m.getProvider(), m.getModality(),
                m.getContextLength(), m.getMaxTokens(), m.getInputCostPerMillion(), m.getOutputCostPerMillion(),
                m.isActive(), m.isCurated());
    }

    public CatalogModel asCatalogModel() {
        return new CatalogModel(id, openrouterId, displayName, modality, active);
    }

    /** "$0.15 / $0.60 per M tokens", or "free", or "price unknown". */
    public String priceText() {
        if (inputCostPerMillion == null || outputCostPerMillion == null) {
            return "price unknown";
        }
        if (inputCostPerMillion.signum() < 0 || outputCostPerMillion.signum() < 0) {
            return "variable price";
        }
        if (inputCostPerMillion.signum() == 0 && outputCostPerMillion.signum() == 0) {
            return "free";
        }
        return "$" + inputCostPerMillion.stripTrailingZeros().toPlainString() + " in / $"
                + outputCostPerMillion.stripTrailingZeros().toPlainString() + " out per M tokens";
    }

    /** "128k", "1M": how the picker shows a context length. */
    public String contextText() {
        if (contextLength == null) {
            return "?";
        }
        if (contextLength >= 1_000_000) {
            return (contextLength / 100_000) / 10.0 + "M";
        }
        return contextLength >= 1000 ? contextLength / 1000 + "k" : String.valueOf(contextLength);
    }

    @Override
    public String toString() {
        return openrouterId;
    }
}
