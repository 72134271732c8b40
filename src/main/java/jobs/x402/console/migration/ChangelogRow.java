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

    public boolean isMigration005() {
        return MigrationChangelog.CHANGESET_ID.equals(id) && MigrationChangelog.AUTHOR.equals(author)
                && MigrationChangelog.LOGICAL_PATH.equals(filename);
    }
}
