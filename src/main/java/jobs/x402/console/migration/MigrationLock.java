package jobs.x402.console.migration;

import jobs.x402.console.core.OperatorException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's lock on migration 005: a session-level advisory lock taken with pg_try_advisory_lock, so a second
 * operator is told at once who holds it (never a silent wait), and a killed console can never leave it behind.
 * Liquibase's own lock row is checked too, since other Liquibase runs use it; the console's Liquibase bookkeeping
 * happens inside its transaction and is never committed while an apply runs.
 */
final class MigrationLock {
    /** "x402" in ASCII: the advisory lock namespace of the console. */
    static final int LOCK_CLASS = 0x78343032;
    /** The lock of migration 005 within the namespace. */
    static final int LOCK_ID = 5;
    private static final Pattern ADDRESS = Pattern.compile("\\(([0-9a-fA-F:.]+)\\)");

    private MigrationLock() {
    }

    /** Takes the lock on this session, or refuses (exit 4) naming the holder. */
    static void acquire(Connection connection, String targetLine) throws SQLException {
        LiquibaseLockRow liquibase = MigrationStatus.lock(connection);
        boolean acquired;
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_ID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                acquired = rs.getBoolean(1);
            }
        }
        if (!acquired) {
            List<LockHolder> holders = consoleHolders(connection);
            String who = holders.isEmpty() ? "another session (not visible to this role)"
                    : String.join("; ", holders.stream().map(LockHolder::describe).toList());
            throw OperatorException.refused("Migration 005 on " + targetLine + " is locked by " + who
                    + ": nothing was changed", "wait for that operator to finish; the migration locks show the holder")
                    .withAction(jobs.x402.console.core.RemedyAction.SHOW_LOCKS);
        }
        if (liquibase.locked()) {
            release(connection);
            throw OperatorException.refused("The Liquibase lock on " + targetLine + " is held by "
                    + liquibase.lockedBy() + " since " + liquibase.granted() + ": nothing was changed",
                    "if that Liquibase run is still working, wait; if it is gone (crashed), release the stale lock"
                            + " after checking the migration locks")
                    .withAction(jobs.x402.console.core.RemedyAction.RELEASE_STALE_LOCK);
        }
    }

    /**
     * Refuses at once when another console holds the lock: checked before anything reads x402_resources, because
     * a catalog read queues behind the holder's pending ACCESS EXCLUSIVE lock on that table.
     */
    static void refuseIfHeld(Connection connection, String targetLine) throws SQLException {
        int own = backendPid(connection);
        List<LockHolder> holders = consoleHolders(connection).stream().filter(h -> h.pid() != own).toList();
        if (!holders.isEmpty()) {
            throw OperatorException.refused("Migration 005 on " + targetLine + " is locked by " + String.join("; ",
                    holders.stream().map(LockHolder::describe).toList()) + ": nothing was changed",
                    "wait for that operator to finish; the migration locks show the holder")
                    .withAction(jobs.x402.console.core.RemedyAction.SHOW_LOCKS);
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void release(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_ID);
            ps.execute();
        }
    }

    /** Reads both locks and the evidence about their holders. */
    public static LockReport read(Connection connection) {
        try {
            LiquibaseLockRow liquibase = MigrationStatus.lock(connection);
            List<LockHolder> sessions = List.of();
            if (liquibase.locked() && liquibase.lockedBy() != null) {
                Matcher m = ADDRESS.matcher(liquibase.lockedBy());
                if (m.find()) {
                    sessions = sessions(connection, "host(a.client_addr) = ? and a.pid <> pg_backend_pid()",
                            m.group(1));
                }
            }
            return new LockReport(liquibase, consoleHolders(connection), sessions);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the migration locks failed: " + e.getMessage(),
                    "check that the role may read pg_locks and pg_stat_activity", e);
        }
    }

    static List<LockHolder> consoleHolders(Connection connection) throws SQLException {
        return sessions(connection, "a.pid in (select l.pid from pg_locks l where l.locktype = 'advisory'"
                + " and l.granted and l.database = (select oid from pg_database where datname = current_database())"
                + " and l.classid = " + Integer.toUnsignedLong(LOCK_CLASS) + " and l.objid = " + LOCK_ID
                + " and l.objsubid = 2)", null);
    }

    private static List<LockHolder> sessions(Connection connection, String condition, String parameter)
            throws SQLException {
        List<LockHolder> holders = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select a.pid, a.usename, a.application_name, host(a.client_addr),"
                        + " coalesce(a.xact_start, a.backend_start), a.state"
                        + " from pg_stat_activity a where " + condition + " order by a.pid")) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(new LockHolder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getString(6)));
                }
            }
        }
        return holders;
    }

    /**
     * Clears a Liquibase lock whose holder the operator confirmed is gone; refused while a console is at work.
     *
     * @return the lock as it was before the release
     */
    static LiquibaseLockRow releaseStaleLiquibaseLock(Connection connection, String targetLine) throws SQLException {
        LockReport report = read(connection);
        if (!report.consoleHolders().isEmpty()) {
            throw OperatorException.refused("A console is changing migration 005 on " + targetLine + " right now: "
                    + String.join("; ", report.consoleHolders().stream().map(LockHolder::describe).toList()),
                    "its lock goes away by itself when it finishes; nothing was released");
        }
        if (!report.liquibase().locked()) {
            return report.liquibase();
        }
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("update " + MigrationStatus.LOCK_TABLE
                    + " set locked = false, lockgranted = null, lockedby = null where id = 1");
        }
        return report.liquibase();
    }
}
