package jobs.x402.console.session;

import jobs.x402.console.migration.AdoptResult;
import jobs.x402.console.migration.ApplyResult;
import jobs.x402.console.migration.DryRunResult;
import jobs.x402.console.migration.LockHolder;
import jobs.x402.console.migration.LockReport;
import jobs.x402.console.migration.MigrationPreview;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.migration.RestoreResult;
import jobs.x402.console.migration.RollbackImpact;
import jobs.x402.console.migration.RollbackResult;
import jobs.x402.console.migration.SupabaseCliHistory;
import jobs.x402.console.migration.VerificationReport;
import jobs.x402.console.target.SchemaVariant;

import java.util.ArrayList;
import java.util.List;

/**
 * The sentences about migration 005 that both faces show: the window in its result pane, the CLI on stdout. A face
 * adds only its own words for its own controls.
 */
public final class MigrationText {
    private MigrationText() {
    }

    /** Schema variant, who records 005 and what the Supabase CLI says, in one line. */
    public static String recordLine(MigrationStatusReport report) {
        String console = report.recorded() ? "console record " + report.record().dateExecuted() + " ("
                + report.record().execType() + ", deployment " + report.record().deploymentId() + ")"
                : "no console record (x402_console.databasechangelog)";
        return report.schemaVariant().label() + " schema (" + report.schemaVariant().keyTable() + ", "
                + report.schemaVariant().modelCatalog() + ") · " + console + " · " + report.supabaseCli().describe();
    }

    public static String previewNotes(MigrationPreview preview) {
        return (preview.firstRunNote() == null ? "" : preview.firstRunNote() + ". ")
                + "Apply: " + preview.applyNote() + " (" + preview.applyCount() + "). Rollback: "
                + preview.rollbackNote() + ". " + MigrationPreview.BOOKKEEPING;
    }

    /** The apply SQL as it runs: the console's first-run bookkeeping (when any), then the migration. */
    public static String applyScript(MigrationPreview preview) {
        if (preview.bookkeepingStatements().isEmpty()) {
            return statements(preview.applyStatements());
        }
        return "-- " + preview.firstRunNote() + ":\n\n" + statements(preview.bookkeepingStatements())
                + "-- Migration 005:\n\n" + statements(preview.applyStatements());
    }

    public static String statements(List<String> statements) {
        StringBuilder sql = new StringBuilder();
        statements.forEach(s -> sql.append(s.strip()).append(";\n\n"));
        return sql.toString();
    }

    public static String dryRun(DryRunResult result) {
        if (result.nothingToDo()) {
            return "Nothing to do: 005 is already applied.";
        }
        if (result.wouldSucceed()) {
            return "Apply would succeed: " + result.statements().size() + " statements ran in " + result.millis()
                    + " ms and were rolled back. Nothing persisted.";
        }
        return "Apply would FAIL" + (result.failed() == null ? "" : " at statement " + result.failed().number()
                + ":\n" + result.failed().sql().strip()) + "\nDatabase error: " + result.error()
                + "\nEverything was rolled back.";
    }

    public static String applied(ApplyResult result, String database) {
        return result.applied() ? "Applied 005: " + result.statements().size() + " statements in " + result.millis()
                + " ms, committed as one transaction. " + result.after().summary()
                : "005 is already applied on " + database + ": nothing ran.";
    }

    public static String adopted(AdoptResult result) {
        return result.adopted() ? "Adopted: 005 is now recorded as applied (" + result.after().summary() + ")."
                : "005 was already recorded as applied: nothing to do.";
    }

    public static String verificationSummary(VerificationReport report) {
        return report.passed() ? "PASSED: all " + report.steps().size() + " steps"
                : "FAILED: " + report.failedCount() + " of " + report.steps().size() + " steps";
    }

    public static String rolledBack(RollbackResult result) {
        StringBuilder text = new StringBuilder("Rolled back 005 in " + result.millis() + " ms; dropped "
                + result.impact().keyRows() + " keys and the model/config of " + result.impact().resourcesWithValues()
                + " resources. ");
        text.append(result.backup() == null ? "Backup: waived." : "Backup: " + result.backup().file()
                .toAbsolutePath() + " (sha256 " + result.backup().sha256() + ").");
        if (result.supabaseCliRepaired()) {
            text.append(" Supabase CLI history: removed ").append(SchemaVariant.SUPABASE_CLI_VERSION).append('.');
        }
        return text.toString();
    }

    /**
     * After a rollback the Supabase CLI may still list 005: what to do in the repository, or null when nothing is
     * needed. The console's own repair is the face's control, added by the face.
     */
    public static String supabaseRepairAdvice(MigrationStatusReport after) {
        if (!after.supabaseCliNeedsRepair()) {
            return null;
        }
        return "The Supabase CLI still records " + SchemaVariant.SUPABASE_CLI_VERSION + " as applied, although 005"
                + " is rolled back: repair its history (`" + SupabaseCliHistory.repairCommand()
                + "` in your repository, or the console's repair)";
    }

    public static String supabaseRepaired(MigrationStatusReport after) {
        return "Removed " + SchemaVariant.SUPABASE_CLI_VERSION + " from the Supabase CLI's history: "
                + after.supabaseCli().describe() + ".";
    }

    /** What `supabase migration repair` the operator's repository needs (the CLI's own command, not ours). */
    public static String supabaseRepairCommand() {
        return SupabaseCliHistory.repairCommand();
    }

    public static String restored(RestoreResult result) {
        return "Restored " + result.keysRestored() + " keys and the model/config of " + result.resourcesRestored()
                + " resources from " + result.file() + "; " + result.alreadyPresent() + " rows were already there; "
                + result.identical() + " rows now identical to the backup"
                + (result.skipped().isEmpty() ? "." : "; skipped: " + String.join("; ", result.skipped()));
    }

    /** What rollback destroys or what blocks it, one line each. */
    public static List<String> impactLines(RollbackImpact impact) {
        List<String> lines = new ArrayList<>();
        lines.add(impact.keyRows() + " encrypted OpenRouter keys in " + impact.keyTable() + " will be dropped");
        impact.keys().forEach(k -> lines.add("  - user " + k.userId() + (k.email() == null ? "" : " <" + k.email()
                + ">") + (Boolean.FALSE.equals(k.enabled()) ? " (disabled)" : "")));
        lines.add(impact.resourcesWithValues() + " resources lose openrouter_model_id / openrouter_config");
        impact.resources().forEach(r -> lines.add("  - " + r.describe()));
        if (impact.blocked()) {
            lines.add("BLOCKED by " + impact.blockingCount() + " openrouter_instant resources:");
            impact.blockingResources().forEach(r -> lines.add("  - " + r.describe()));
        }
        return lines;
    }

    /** Who holds which lock, one line each; the last says what to do about a stale Liquibase lock. */
    public static List<String> lockLines(LockReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("Liquibase lock: " + report.liquibase().describe());
        if (report.consoleHolders().isEmpty()) {
            lines.add("Console lock: free");
        } else {
            report.consoleHolders().forEach(h -> lines.add("Console lock: held by " + h.describe()));
        }
        for (LockHolder h : report.sessionsFromLockHost()) {
            lines.add("Live session from the Liquibase lock's host: " + h.describe());
        }
        if (report.liquibaseLockPossiblyStale()) {
            lines.add("No console is at work: if that Liquibase run is gone, release its lock.");
        }
        return lines;
    }
}
