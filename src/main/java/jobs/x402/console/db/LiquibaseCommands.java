package jobs.x402.console.db;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.logging.LoggingSetup;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.UpdateSummaryOutputEnum;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs Liquibase quietly inside the console: output to the log instead of stdout, no analytics, and a lock wait of
 * zero so a second operator learns at once that someone else holds the lock.
 * The tracking tables (DATABASECHANGELOG, DATABASECHANGELOGLOCK) live in their own schema, out of PostgREST's reach.
 */
public final class LiquibaseCommands {
    /** Schema of DATABASECHANGELOG / DATABASECHANGELOGLOCK on every target the console manages. */
    public static final String TRACKING_SCHEMA = "x402_console";

    static {
        System.setProperty("liquibase.analytics.enabled", "false");
        LoggingSetup.routeJavaUtilLogging(); // Liquibase logs through java.util.logging
    }

    private LiquibaseCommands() {
    }

    @FunctionalInterface
    public interface LiquibaseWork<T> {
        T run(Database database) throws Exception;
    }

    /** Runs work with a Liquibase Database over the given connection (which the caller keeps owning). */
    public static <T> T withDatabase(Connection connection, LiquibaseWork<T> work) {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.resourceAccessor.name(),
                new ClassLoaderResourceAccessor(LiquibaseCommands.class.getClassLoader()));
        scope.put(GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), 0L);
        scope.put("liquibase.analytics.enabled", false);
        // started from the project root, the top-level changelog/ is found next to the classpath copy: same file
        scope.put(GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(), GlobalConfiguration.DuplicateFileMode.SILENT);
        try {
            ensureTrackingSchema(connection);
            return Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setLiquibaseSchemaName(TRACKING_SCHEMA);
                return work.run(database);
            });
        } catch (OperatorException e) {
            throw e;
        } catch (Exception e) {
            throw OperatorException.failure("Liquibase failed: " + rootMessage(e),
                    "nothing was committed by the failed step; see the log for the statement", e);
        }
    }

    /** {@code liquibase update} of a classpath changelog. */
    public static void update(Connection connection, String changelogPath, String contexts) {
        withDatabase(connection, database -> {
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelogPath)
                    .addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, contexts)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute();
            return null;
        });
    }

    private static void ensureTrackingSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("create schema if not exists " + TRACKING_SCHEMA);
            st.execute("comment on schema " + TRACKING_SCHEMA
                    + " is 'x402 Operator Console: Liquibase change history and lock (not exposed to the API)'");
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
