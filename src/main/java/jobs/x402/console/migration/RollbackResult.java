package jobs.x402.console.migration;

import java.util.List;

/**
 * What rollback did.
 *
 * @param backup null when the operator waived the backup by typing the database name
 * @param supabaseCliRepaired the Supabase CLI's record of 005 was removed in the same transaction, as asked
 */
public record RollbackResult(RollbackBackup.Summary backup, RollbackImpact impact, List<StatementRun> statements,
                             long millis, MigrationStatusReport after, boolean supabaseCliRepaired) {

    /** The CLI still lists 005 as applied although it is rolled back: the operator should repair its history. */
    public boolean supabaseCliNeedsRepair() {
        return after.supabaseCliNeedsRepair();
    }
}
