package jobs.x402.console.migration;

import java.util.List;

/**
 * What rollback did.
 *
 * @param backup null when the operator waived the backup by typing the database name
 */
public record RollbackResult(RollbackBackup.Summary backup, RollbackImpact impact, List<StatementRun> statements,
                             long millis, MigrationStatusReport after) {
}
