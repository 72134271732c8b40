package jobs.x402.console.migration;

import java.util.List;

/**
 * Exactly what apply and rollback would run, statement by statement, as Liquibase generates it, plus what the
 * target's current state means for each.
 *
 * @param applyNote    what apply would do on this target now ("runs 24 statements", "nothing: already applied", …)
 * @param rollbackNote likewise for rollback
 */
public record MigrationPreview(String changeSet, String checksum, MigrationState state, List<String> applyStatements,
                               List<String> rollbackStatements, String applyNote, String rollbackNote) {

    /** Liquibase's bookkeeping around the statements, which the preview describes rather than lists. */
    public static final String BOOKKEEPING = "Around the statements, in the same transaction, Liquibase takes its lock"
            + " row, then records the change in x402_console.databasechangelog (or deletes that record on rollback)"
            + " and releases the lock; the console commits once at the end.";
}
