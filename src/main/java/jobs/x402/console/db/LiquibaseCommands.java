package jobs.x402.console.db;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.logging.LoggingSetup;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs Liquibase quietly inside the console: output to the log instead of stdout, no analytics, and a lock wait of
 * zero so a second operator learns at once that someone else holds the lock.
 * The tracking tables (DATABASECHANGELOG, DATABASECHANGELOGLOCK) live in their own schema, out of PostgREST's reach;
 * the migration feature creates them in its own transaction before Liquibase runs.
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
        scope.put(GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), 0L);
        scope.put("liquibase.analytics.enabled", false);
        try (liquibase.resource.ResourceAccessor changelogs = ConsoleResources.changelogs()) {
            scope.put(Scope.Attr.resourceAccessor.name(), changelogs);
            return Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setLiquibaseSchemaName(TRACKING_SCHEMA);
                return work.run(database);
            });
        } catch (OperatorException e) {
            throw e;
        } catch (Exception e) {
            throw OperatorException.failure("Liquibase failed: " + jobs.x402.console.core.RootCause.message(e),
                    "nothing was committed by the failed step; see the log for the statement", e);
        }
    }
}
