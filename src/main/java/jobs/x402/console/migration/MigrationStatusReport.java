package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;

import java.time.Instant;
import java.util.List;

/**
 * Migration 005 on one target: the verdict, the Liquibase record behind it and the evidence object by object.
 *
 * @param record          the DATABASECHANGELOG row of 005, or null
 * @param checksumMatches false when the recorded checksum differs from the changelog the console carries
 * @param readMillis      how long reading the evidence took
 * @param schemaVariant   the shape of 005 this status was judged against (seed or shipped)
 * @param variantEvidence why the console took that variant
 * @param supabaseCli     what the Supabase CLI's migration history says, beside the console's own record
 */
public record MigrationStatusReport(Instant readAt, MigrationState state, ChangelogRow record,
                                    boolean checksumMatches, String changelogChecksum, List<ObjectCheck> objects,
                                    List<MigrationPrerequisite> prerequisites, LiquibaseLockRow lock,
                                    long readMillis, SchemaVariant schemaVariant, String variantEvidence,
                                    SupabaseCliHistory supabaseCli) {

    /** The console's own Liquibase record of 005 exists. */
    public boolean recorded() {
        return record != null;
    }

    /** Applied, recorded only by the Supabase CLI: adopt adds the console's record (which rollback needs). */
    public boolean recordedOnlyBySupabaseCli() {
        return record == null && supabaseCli.records005();
    }

    /** The Supabase CLI still lists 005 although its objects are gone (after a rollback): it needs a repair. */
    public boolean supabaseCliNeedsRepair() {
        return supabaseCli.records005() && state == MigrationState.PENDING;
    }

    /** Who records 005 here, in words. */
    public String recordedBy() {
        List<String> by = new java.util.ArrayList<>();
        if (record != null) {
            by.add("the console's Liquibase changelog (x402_console.databasechangelog)");
        }
        if (supabaseCli.records005()) {
            by.add("the Supabase CLI as " + SchemaVariant.SUPABASE_CLI_VERSION);
        }
        return by.isEmpty() ? "nothing records 005" : "recorded by " + String.join(" and ", by);
    }

    public List<ObjectCheck> differences() {
        return objects.stream().filter(o -> !o.matches()).toList();
    }

    public List<MigrationPrerequisite> missingPrerequisites() {
        return prerequisites.stream().filter(p -> !p.present()).toList();
    }

    public boolean prerequisitesMet() {
        return missingPrerequisites().isEmpty();
    }

    public long matchingObjects() {
        return objects.stream().filter(ObjectCheck::matches).count();
    }

    /** "applied (22/22 objects match)": one line for banners, the overview and logs. */
    public String summary() {
        StringBuilder line = new StringBuilder(state.label()).append(" (").append(matchingObjects()).append('/')
                .append(objects.size()).append(" objects match the specification");
        line.append("; ").append(schemaVariant.label()).append(" schema");
        if (state == MigrationState.APPLIED && record == null && supabaseCli.records005()) {
            line.append("; recorded by the Supabase CLI as ").append(SchemaVariant.SUPABASE_CLI_VERSION);
        }
        if (supabaseCliNeedsRepair()) {
            line.append("; the Supabase CLI still records ").append(SchemaVariant.SUPABASE_CLI_VERSION);
        }
        if (!checksumMatches) {
            line.append("; the recorded checksum differs from this console's changelog");
        }
        if (!prerequisitesMet()) {
            line.append("; missing prerequisites: ").append(String.join(", ",
                    missingPrerequisites().stream().map(MigrationPrerequisite::name).toList()));
        }
        return line.append(')').toString();
    }
}
