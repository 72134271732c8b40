package jobs.x402.console.resources;

import java.util.List;

/**
 * What a catalog sync would do to ai_models: rows to insert, rows whose fields change (each change named), rows to
 * deactivate because the feed no longer lists them, and how many stay as they are.
 */
public record CatalogDiff(List<CatalogEntry> feed, List<CatalogEntry> added, List<Changed> changed,
                          List<String> deactivated, int unchanged, List<CatalogRules.Skipped> skipped,
                          java.util.Map<String, String> deactivationReasons, List<LongContextPrice> longContextPrices,
                          boolean allOutputModalities) {
    public CatalogDiff {
        feed = List.copyOf(feed);
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        deactivated = List.copyOf(deactivated);
        skipped = List.copyOf(skipped);
        deactivationReasons = java.util.Map.copyOf(deactivationReasons);
        longContextPrices = List.copyOf(longContextPrices);
    }

    /**
     * A model that charges more above a prompt size ({@code pricing.overrides}): the catalog keeps the base price
     * (its columns have room for one), so long prompts cost what this says.
     */
    public record LongContextPrice(String openrouterId, long abovePromptTokens, java.math.BigDecimal promptPerMillion,
                                   java.math.BigDecimal completionPerMillion) {
        public String describe() {
            return openrouterId + ": above " + abovePromptTokens + " prompt tokens " + (promptPerMillion == null ? ""
                    : "$" + promptPerMillion.stripTrailingZeros().toPlainString() + "/M in")
                    + (completionPerMillion == null ? "" : (promptPerMillion == null ? "" : ", ") + "$"
                    + completionPerMillion.stripTrailingZeros().toPlainString() + "/M out");
        }
    }

    /** Why a row would be deactivated, in words (the image-only case needs explaining). */
    public String reasonFor(String openrouterId) {
        return deactivationReasons.getOrDefault(openrouterId, "no longer in OpenRouter's feed");
    }

    /** One field of one row: what the table holds and what the feed says. */
    public record FieldChange(String column, String before, String after) {
    }

    public record Changed(String openrouterId, List<FieldChange> changes) {
        public Changed {
            changes = List.copyOf(changes);
        }
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && deactivated.isEmpty();
    }

    public String summary() {
        return added.size() + " new, " + changed.size() + " changed, " + deactivated.size() + " to deactivate, "
                + unchanged + " unchanged" + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped from the feed");
    }
}
