package jobs.x402.console.migration;

import java.util.List;

/**
 * Exactly what apply and rollback would run, statement by statement, as Liquibase generates it, plus what the
 * target's current state means for each.
 *
 * @param applyNote    what apply would do on this target now ("runs 24 statements", "nothing: already applied", …)
 * @param rollbackNote likewise for rollback
 * @param bookkeepingStatements what the console adds of its own footprint (schema x402_console and its two tables)
 *                     in the same transaction before the migration's statements; empty once it is complete
 * @param firstRunNote the sentence that says so, or null when the footprint is complete
 */
public record MigrationPreview(String changeSet, String checksum, MigrationState state, List<String> applyStatements,
                               List<String> rollbackStatements, String applyNote, String rollbackNote,
                               List<String> bookkeepingStatements, String firstRunNote) {

    /** "22 migration statements + 6 bookkeeping", the count both faces show. */
    public String applyCount() {
        return applyStatements.size() + " migration statements"
                + (bookkeepingStatements.isEmpty() ? "" : " + " + bookkeepingStatements.size() + " bookkeeping");
    }

    /** Liquibase's bookkeeping around the statements, which the preview describes rather than lists. */
    public static final String BOOKKEEPING = "Around the statements, in the same transaction, Liquibase takes its lock"
            + " row, then records the change in x402_console.databasechangelog (or deletes that record on rollback)"
            + " and releases the lock; the console commits once at the end.";
}
