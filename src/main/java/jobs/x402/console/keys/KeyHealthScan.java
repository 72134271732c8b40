package jobs.x402.console.keys;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decrypts every stored value of a key column and reports each row's outcome. Plain SQL with a server-side cursor:
 * it streams 100k rows in constant memory, which a Hibernate entity load would not.
 */
public final class KeyHealthScan {
    private static final int FETCH_SIZE = 2000;

    private final DatabaseSession session;

    public KeyHealthScan(DatabaseSession session) {
        this.session = session;
    }

    public HealthReport scan(EncryptedKeyTable table, IntegrationCipher cipher, ProgressListener progress) {
        try (Connection connection = session.connection()) {
            if (!KeyTables.exists(connection, table)) {
                throw KeyTables.missing(session, table);
            }
            return scan(connection, table, cipher, progress);
        } catch (SQLException e) {
            throw KeyFailures.database("scanning " + table.describe(), session, e);
        }
    }

    /** Scans on the caller's connection (rotation uses its own transaction); leaves auto-commit as it found it. */
    static HealthReport scan(Connection connection, EncryptedKeyTable table, IntegrationCipher cipher,
                             ProgressListener progress) throws SQLException {
        long total = count(connection, table);
        boolean autoCommit = connection.getAutoCommit();
        // PostgreSQL streams with a cursor only inside a transaction
        connection.setAutoCommit(false);
        List<RowHealth> rows = new ArrayList<>((int) Math.min(total, 1_000_000));
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery("select user_id, " + table.column() + " from "
                    + table.qualifiedTable() + " order by user_id")) {
                while (rs.next()) {
                    try (DecryptOutcome outcome = cipher.decrypt(rs.getString(2), table.shape())) {
                        rows.add(new RowHealth(rs.getObject(1, UUID.class), outcome.status(), outcome.detail()));
                    }
                    if (rows.size() % FETCH_SIZE == 0) {
                        progress.checkCancelled();
                        progress.progress(rows.size(), total, "Scanned " + rows.size() + " of " + total + " in "
                                + table.describe());
                    }
                }
            }
        } finally {
            if (autoCommit) {
                connection.rollback(); // it only read
                connection.setAutoCommit(true);
            }
        }
        progress.progress(rows.size(), Math.max(total, rows.size()), "Scanned " + rows.size() + " rows in "
                + table.describe());
        return new HealthReport(table, rows);
    }

    static long count(Connection connection, EncryptedKeyTable table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table.qualifiedTable())) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
