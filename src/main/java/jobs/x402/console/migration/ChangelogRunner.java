package jobs.x402.console.migration;

import jobs.x402.console.db.LiquibaseCommands;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs Liquibase's update, rollback-count and changelog-sync on the master changelog over a connection whose
 * commits are the console's to make (see {@link SingleTransactionConnection}), after completing the console's
 * bookkeeping tables in the same transaction (see {@link TrackingTables}).
 */
final class ChangelogRunner {
    enum Command {
        UPDATE, ROLLBACK, SYNC
    }

    private ChangelogRunner() {
    }

    /**
     * @param transaction a connection with auto-commit off; nothing is committed here
     */
    static void run(Connection transaction, MigrationChangelog changelog, Command command, StatementTracker tracker)
            throws SQLException {
        TrackingTables.ensure(transaction, tracker);
        Connection inTransaction = SingleTransactionConnection.wrap(transaction, () -> tracker.finishCurrent("failed"));
        LiquibaseCommands.withDatabase(inTransaction, database -> {
            // a status cache keyed by URL would make Liquibase skip a re-apply after a rollback in the same JVM
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            CommandScope scope = switch (command) {
                case UPDATE -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
                case ROLLBACK -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, 1);
                case SYNC -> new CommandScope(ChangelogSyncCommandStep.COMMAND_NAME)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master());
            };
            scope.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database);
            try (liquibase.resource.ResourceAccessor accessor = MigrationChangelog.resourceAccessor()) {
                Scope.child(tracker, MigrationChangelog.scopeSettings(accessor), () -> scope.execute());
            }
            return null;
        });
    }
}
