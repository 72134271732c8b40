package jobs.x402.console.migration;

import jobs.x402.console.core.AuditLog;

import java.util.List;

/**
 * The target's Liquibase history and the local audit entries of migration operations.
 *
 * @param changelog every DATABASECHANGELOG row (005's is marked by {@link ChangelogRow#isMigration005()})
 * @param audit     this machine's audit entries whose action starts with "migration."
 */
public record MigrationHistory(List<ChangelogRow> changelog, List<AuditLog.Entry> audit) {
}
