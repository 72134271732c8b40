package jobs.x402.console.migration;

import java.util.List;

/**
 * What apply would do, found by doing it inside a transaction that is always rolled back.
 *
 * @param nothingToDo true when 005 is already applied (nothing ran)
 * @param failed      the statement the database refused, or null
 * @param error       the database's error for it, or null
 * @param wouldBe     the status read inside the transaction just before the rollback (null when it failed)
 */
public record DryRunResult(boolean wouldSucceed, boolean nothingToDo, List<StatementRun> statements,
                           StatementRun failed, String error, MigrationStatusReport wouldBe, long millis) {
}
