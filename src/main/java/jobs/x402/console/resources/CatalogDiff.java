package jobs.x402.console.resources;

import java.util.List;

/**
 * What a catalog sync would do to ai_models: rows to insert, rows whose fields change (each change named), rows to
 * deactivate because the feed no longer lists them, and how many stay as they are.
 */
public record CatalogDiff(List<CatalogEntry> feed, List<CatalogEntry> added, List<Changed> changed,
                          List<String> deactivated, int unchanged, List<CatalogRules.Skipped> skipped) {
    public CatalogDiff {
        feed = List.copyOf(feed);
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        deactivated = List.copyOf(deactivated);
        skipped = List.copyOf(skipped);
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
