package jobs.x402.console.resources;

import java.util.List;
import java.util.UUID;

/**
 * A delete or a change of type of one x402 resource, read before anything changes: which row, what will run, and
 * what it means for the rest (the rollback of 005, the backend). The confirmation shows exactly this.
 *
 * @param kind          DELETE or RETYPE
 * @param newType       the type a retype sets; null for a delete
 * @param sql           the statement that will run, with the row's id in place
 * @param consequences  sentences for the confirmation: what is lost, what it unblocks
 */
public record ResourceChange(Kind kind, UUID resourceId, String slug, String name, String serverSlug,
                             String currentType, String newType, String sql, List<String> consequences) {
    public enum Kind { DELETE, RETYPE }

    public ResourceChange {
        consequences = List.copyOf(consequences);
    }

    /** "resource haiku-now (alice-labs)". */
    public String where() {
        return "resource " + slug + (serverSlug == null ? "" : " (" + serverSlug + ")");
    }
}
