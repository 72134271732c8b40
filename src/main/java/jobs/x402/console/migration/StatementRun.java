package jobs.x402.console.migration;

/**
 * One SQL statement the console ran (or tried to run) for migration 005.
 *
 * @param migrationStatement false for Liquibase's own bookkeeping (lock row, DATABASECHANGELOG)
 * @param error              the database's error when this statement failed, else null
 */
public record StatementRun(int number, String sql, boolean migrationStatement, long millis, String error) {
}
