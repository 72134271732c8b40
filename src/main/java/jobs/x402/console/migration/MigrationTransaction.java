package jobs.x402.console.migration;

import jobs.x402.console.core.OperationCancelledException;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;

import liquibase.exception.PreconditionFailedException;
import liquibase.precondition.FailedPrecondition;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One change to migration 005 = one dedicated connection, the console's lock, one transaction. The session is named
 * after the operator so a second operator learns who holds the lock; a lock timeout keeps a busy x402_resources
 * from making the operation wait without end.
 */
final class MigrationTransaction {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    /** Whether the work's changes are kept. */
    enum Ending {
        COMMIT, ROLL_BACK
    }

    private MigrationTransaction() {
    }

    static <T> T run(DatabaseSession session, String operation, Duration lockTimeout, Ending ending, Work<T> work) {
        String targetLine = session.identity().bannerLine();
        try (Connection connection = session.dedicatedConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("select set_config('application_name', ?, false),"
                    + " set_config('lock_timeout', ?, false)")) {
                ps.setString(1, applicationName(operation));
                ps.setString(2, Math.max(1, lockTimeout.toMillis()) + "ms");
                ps.execute();
            }
            MigrationLock.acquire(connection, targetLine);
            try {
                connection.setAutoCommit(false);
                T result = work.run(connection);
                if (ending == Ending.COMMIT) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            } catch (Throwable e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                releaseQuietly(connection);
            }
        } catch (OperatorException e) {
            throw cancellationOr(e);
        } catch (SQLException e) {
            if (jobs.x402.console.db.ConnectionFailures.isConnectionLoss(e)) {
                // the connection went away: the same exit code as every other lost connection (3)
                throw new OperatorException(jobs.x402.console.core.ExitCode.UNREACHABLE, "Migration " + operation
                        + " on " + targetLine + " lost the connection to the server (" + e.getSQLState()
                        + "); PostgreSQL rolled the transaction back", "reconnect and check the status", e);
            }
            throw OperatorException.failure("Migration " + operation + " on " + targetLine + " failed: "
                    + e.getMessage(), "nothing was committed; the migration status shows the target's state", e)
                    .withAction(jobs.x402.console.core.RemedyAction.SHOW_MIGRATION_STATUS);
        } catch (Exception e) {
            throw OperatorException.failure("Migration " + operation + " on " + targetLine + " failed: "
                    + rootMessage(e), "nothing was committed; the migration status shows the target's state", e)
                    .withAction(jobs.x402.console.core.RemedyAction.SHOW_MIGRATION_STATUS);
        }
    }

    /** The cancellation the operator asked for, even when Liquibase wrapped it in its own exceptions. */
    static OperatorException cancellationOr(OperatorException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OperationCancelledException cancelled) {
                return cancelled;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }

    /**
     * The sentence an operator needs from a failure Liquibase wrapped several times: the database's own error, or
     * the failed precondition's message (its root cause only says "Preconditions Failed").
     */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        String sqlMessage = null;
        while (t != null) {
            if (t instanceof PreconditionFailedException failed && !failed.getFailedPreconditions().isEmpty()) {
                return String.join("; ", failed.getFailedPreconditions().stream()
                        .map(FailedPrecondition::getMessage).toList());
            }
            if (t instanceof SQLException && sqlMessage == null) {
                sqlMessage = t.getMessage();
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return sqlMessage != null ? sqlMessage : jobs.x402.console.core.RootCause.message(e);
    }

    private static String applicationName(String operation) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = "x402-console migration " + operation + " by " + System.getProperty("user.name") + "@" + host;
        return name.length() > 63 ? name.substring(0, 63) : name; // PostgreSQL keeps 63 bytes
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone; PostgreSQL rolls the transaction back by itself
        }
    }

    private static void releaseQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
                MigrationLock.release(connection);
            }
        } catch (SQLException ignored) {
            // closing the session releases a session-level advisory lock anyway
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
