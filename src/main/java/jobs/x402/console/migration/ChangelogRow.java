package jobs.x402.console.migration;

import java.time.LocalDateTime;

/**
 * One row of x402_console.databasechangelog.
 *
 * @param dateExecuted in the database server's local time, as Liquibase records it
 */
public record ChangelogRow(String id, String author, String filename, LocalDateTime dateExecuted, int orderExecuted,
                           String execType, String checksum, String description, String comments, String tag,
                           String liquibaseVersion, String contexts, String labels, String deploymentId) {

    /** Records migration 005 in either schema variant's changeset. */
    public boolean isMigration005() {
        return java.util.Arrays.stream(jobs.x402.console.target.SchemaVariant.values())
                .anyMatch(v -> MigrationChangelog.of(v).records(this));
    }
}
