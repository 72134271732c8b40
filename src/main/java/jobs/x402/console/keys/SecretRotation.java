package jobs.x402.console.keys;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperationCancelledException;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Re-encrypts every value of the chosen key columns from the current integration secret to a new one, in ONE
 * transaction on a connection of its own: read under an EXCLUSIVE lock (the backend can still read keys, nobody can
 * write one), decrypt with the old secret, encrypt with the new, decrypt the new value and compare before anything is
 * written, COPY the new values into a temporary table, update from it, check the table holds exactly the verified
 * values, commit. Cancel or any failure before the commit rolls everything back. A health scan with the new secret
 * follows the commit.
 */
public final class SecretRotation {
    /** The rotation's connection names itself so an operator (or a test) can find it in pg_stat_activity. */
    public static final String APPLICATION_NAME = "x402-console-rotation";
    private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);
    private static final int CHUNK = 2000;
    private static final int LOCK_TIMEOUT_SECONDS = 5;

    private final DatabaseSession session;
    private final KeyAudit audit;

    public SecretRotation(DatabaseSession session, KeyAudit audit) {
        this.session = session;
        this.audit = audit;
    }

    /** Read-only preview: each table's rows and the ones the current secret cannot decrypt. */
    public RotationPlan plan(Set<EncryptedKeyTable> tables, IntegrationCipher current, ProgressListener progress) {
        KeyHealthScan scan = new KeyHealthScan(session);
        List<HealthReport> reports = new ArrayList<>();
        for (EncryptedKeyTable table : ordered(tables)) {
            reports.add(scan.scan(table, current, progress));
        }
        return new RotationPlan(reports);
    }

    public RotationReport rotate(Set<EncryptedKeyTable> tables, IntegrationCipher current, IntegrationCipher next,
                                 boolean excludeUndecryptable, ProgressListener progress) {
        if (tables.isEmpty()) {
            throw OperatorException.usage("No key table chosen to rotate", "choose openrouter, claude or both");
        }
        if (sameSecret(current, next)) {
            throw OperatorException.usage("The new secret is the same as the current one",
                    "load the new secret the backend will use");
        }
        List<EncryptedKeyTable> order = ordered(tables);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tables", order.stream().map(EncryptedKeyTable::describe).toList());
        details.put("excludeUndecryptable", excludeUndecryptable);
        long started = System.nanoTime();
        Map<EncryptedKeyTable, Integer> rotated = new java.util.LinkedHashMap<>();
        List<UndecryptableRow> excluded = new ArrayList<>();
        try {
            runTransaction(order, current, next, excludeUndecryptable, progress, rotated, excluded);
        } catch (UndecryptableRowsException e) {
            details.put("undecryptable", e.rows().size());
            audit.record("rotate", null, "refused: undecryptable rows", details);
            throw e;
        } catch (OperationCancelledException e) {
            audit.record("rotate", null, "cancelled: rolled back", details);
            throw new OperationCancelledException();
        } catch (RuntimeException e) {
            audit.record("rotate", null, "failed: " + (e instanceof OperatorException o ? o.exitCode().name()
                    : e.getClass().getSimpleName()), details);
            throw e;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        details.put("rotated", rotated.values().stream().mapToInt(Integer::intValue).sum());
        details.put("excluded", excluded.size());
        details.put("millis", millis);
        audit.record("rotate", null, "committed", details);
        progress.step("Committed; scanning every row with the new secret");
        KeyHealthScan scan = new KeyHealthScan(session);
        List<HealthReport> after = new ArrayList<>();
        for (EncryptedKeyTable table : order) {
            after.add(scan.scan(table, next, ProgressListener.NONE));
        }
        RotationReport report = new RotationReport(rotated, excluded, after, millis);
        audit.record("rotate-scan", null, report.verifiedAfter() ? "every rotated row decrypts with the new secret"
                : "ROWS DO NOT DECRYPT with the new secret", Map.of("rows", after.stream()
                .mapToLong(HealthReport::total).sum()));
        return report;
    }

    private void runTransaction(List<EncryptedKeyTable> tables, IntegrationCipher current, IntegrationCipher next,
                                boolean excludeUndecryptable, ProgressListener progress,
                                Map<EncryptedKeyTable, Integer> rotated, List<UndecryptableRow> excluded) {
        Connection connection = session.dedicatedConnection();
        boolean committing = false;
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("set application_name = '" + APPLICATION_NAME + "'");
            }
            connection.setAutoCommit(false);
            progress.step("Locking " + tables.stream().map(EncryptedKeyTable::describe)
                    .collect(Collectors.joining(", ")) + " against writes");
            lock(connection, tables);
            Map<EncryptedKeyTable, List<StoredValue>> read = new java.util.LinkedHashMap<>();
            long total = 0;
            for (EncryptedKeyTable table : tables) {
                List<StoredValue> values = read(connection, table);
                read.put(table, values);
                total += values.size();
            }
            // progress counts each row twice: once re-encrypted and checked, once written
            long work = Math.max(1, total * 2);
            long[] done = {0};
            Map<EncryptedKeyTable, String[]> newValues = new java.util.LinkedHashMap<>();
            List<UndecryptableRow> undecryptable = new ArrayList<>();
            for (EncryptedKeyTable table : tables) {
                newValues.put(table, reEncrypt(table, read.get(table), current, next, undecryptable, progress, done,
                        work));
            }
            if (!undecryptable.isEmpty() && !excludeUndecryptable) {
                connection.rollback();
                throw new UndecryptableRowsException(undecryptable);
            }
            excluded.addAll(undecryptable);
            for (EncryptedKeyTable table : tables) {
                int written = write(connection, table, read.get(table), newValues.get(table), progress, done, work);
                rotated.put(table, written);
            }
            progress.checkCancelled();
            progress.progress(work, work, "Committing");
            committing = true;
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw explain(e, committing);
        } catch (RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            closeQuietly(connection);
        }
    }

    private static void lock(Connection connection, List<EncryptedKeyTable> tables) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (EncryptedKeyTable table : tables) {
                if (!KeyTables.exists(connection, table)) {
                    throw new OperatorException(ExitCode.FAILURE, table.qualifiedTable() + " does not exist",
                            table .isOpenRouter() ? "apply migration 005 first, or rotate only the"
                                    + " Claude configs" : "rotate only the tables this database has");
                }
            }
            st.execute("set local lock_timeout = '" + LOCK_TIMEOUT_SECONDS + "s'");
            st.execute("lock table " + tables.stream().map(EncryptedKeyTable::qualifiedTable)
                    .collect(Collectors.joining(", ")) + " in exclusive mode");
        }
    }

    private record StoredValue(UUID userId, String value) {
    }

    private static List<StoredValue> read(Connection connection, EncryptedKeyTable table) throws SQLException {
        List<StoredValue> values = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(CHUNK * 5);
            try (ResultSet rs = st.executeQuery("select user_id, " + table.column() + " from "
                    + table.qualifiedTable() + " order by user_id")) {
                while (rs.next()) {
                    values.add(new StoredValue(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        return values;
    }

    /** New values by index; null where the old value does not decrypt (listed in {@code undecryptable}). */
    private static String[] reEncrypt(EncryptedKeyTable table, List<StoredValue> values, IntegrationCipher current,
                                      IntegrationCipher next, List<UndecryptableRow> undecryptable,
                                      ProgressListener progress, long[] done, long work) {
        String[] out = new String[values.size()];
        DecryptStatus[] failures = new DecryptStatus[values.size()];
        for (int from = 0; from < values.size(); from += CHUNK) {
            progress.checkCancelled();
            int to = Math.min(values.size(), from + CHUNK);
            IntStream.range(from, to).parallel().forEach(i -> {
                // rotation keeps whatever the old secret decrypts, key-shaped or not: a wrong secret fails the
                // padding or UTF-8 check instead
                try (DecryptOutcome old = current.decrypt(values.get(i).value(), PlaintextShape.ANY_TEXT)) {
                    if (!old.isOk()) {
                        failures[i] = old.status();
                        return;
                    }
                    String fresh = next.encrypt(old.plaintext());
                    try (DecryptOutcome check = next.decrypt(fresh, PlaintextShape.ANY_TEXT)) {
                        if (!check.isOk() || !sameChars(check.plaintext(), old.plaintext())) {
                            throw new IllegalStateException("a re-encrypted value did not decrypt to its original");
                        }
                    }
                    out[i] = fresh;
                }
            });
            done[0] += to - from;
            progress.progress(done[0], work, "Re-encrypted and checked " + to + " of " + values.size() + " in "
                    + table.describe());
        }
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                undecryptable.add(new UndecryptableRow(table, values.get(i).userId(), failures[i]));
            }
        }
        return out;
    }

    private static int write(Connection connection, EncryptedKeyTable table, List<StoredValue> values,
                             String[] newValues, ProgressListener progress, long[] done, long work)
            throws SQLException {
        String temp = "rotation_" + table.label();
        int expected = 0;
        try (Statement st = connection.createStatement()) {
            st.execute("create temporary table " + temp + " (user_id uuid primary key, new_value text not null)"
                    + " on commit drop");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + temp + " (user_id, new_value) from stdin");
        try {
            StringBuilder lines = new StringBuilder(CHUNK * 200);
            for (int from = 0; from < values.size(); from += CHUNK) {
                if (progress.isCancelled()) {
                    copy.cancelCopy();
                    throw new OperationCancelledException();
                }
                int to = Math.min(values.size(), from + CHUNK);
                lines.setLength(0);
                for (int i = from; i < to; i++) {
                    if (newValues[i] != null) {
                        // uuid and hex:hex never contain a tab, newline or backslash, so COPY text needs no escaping
                        lines.append(values.get(i).userId()).append('\t').append(newValues[i]).append('\n');
                        expected++;
                    }
                }
                byte[] bytes = lines.toString().getBytes(StandardCharsets.US_ASCII);
                copy.writeToCopy(bytes, 0, bytes.length);
                done[0] += to - from;
                progress.progress(done[0], work, "Writing " + to + " of " + values.size() + " new values of "
                        + table.describe());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        try (Statement st = connection.createStatement()) {
            int updated = st.executeUpdate("update " + table.qualifiedTable() + " t set " + table.column()
                    + " = r.new_value from " + temp + " r where t.user_id = r.user_id");
            if (updated != expected) {
                throw OperatorException.failure("Rotation expected to update " + expected + " rows of "
                        + table.describe() + " but updated " + updated + "; rolled back, nothing changed",
                        "run it again; if it repeats, see the log file", null);
            }
            try (ResultSet rs = st.executeQuery("select count(*) from " + table.qualifiedTable() + " t join " + temp
                    + " r on r.user_id = t.user_id where t." + table.column() + " = r.new_value")) {
                rs.next();
                if (rs.getLong(1) != expected) {
                    throw OperatorException.failure("After the update " + table.describe() + " does not hold exactly"
                            + " the checked values; rolled back, nothing changed", "see the log file", null);
                }
            }
        }
        return expected;
    }

    private OperatorException explain(SQLException e, boolean committing) {
        log.warn("Secret rotation failed (SQL state {}){}", e.getSQLState(), committing ? " during commit" : "", e);
        if (committing) {
            return new OperatorException(ExitCode.FAILURE, "The connection failed while the rotation was committing"
                    + " (SQL state " + e.getSQLState() + "): whether it committed is unknown",
                    "scan the keys once with the old and once with the new secret to see which one the rows are under", e)
                    .withAction(jobs.x402.console.core.RemedyAction.SCAN_KEYS);
        }
        if ("55P03".equals(e.getSQLState())) {
            return OperatorException.refused("Another session holds a lock on the key tables, so rotation could not"
                    + " have them to itself within " + LOCK_TIMEOUT_SECONDS + " s; nothing was changed",
                    "wait for the other session (see pg_locks) and run it again");
        }
        if (KeyFailures.isConnectionLoss(e) || isClosed(e)) {
            return new OperatorException(ExitCode.UNREACHABLE, "The connection to "
                    + session.identity().bannerLine() + " was lost during the rotation (SQL state " + e.getSQLState()
                    + "); the transaction never committed, so every row still holds its value under the current"
                    + " secret", "check the server and the network, then run the rotation again", e);
        }
        return OperatorException.failure("The database refused the rotation (SQL state " + e.getSQLState()
                + "); it was rolled back and nothing changed", "see the log file for the server's message", e);
    }

    private static boolean isClosed(SQLException e) {
        // pgjdbc reports I/O on a terminated backend as 08006, but a closed connection as 08003 or without a state
        return e.getSQLState() == null && e.getCause() instanceof java.io.IOException;
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls back a transaction whose session ended
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection has nothing left to release
        }
    }

    private static List<EncryptedKeyTable> ordered(Set<EncryptedKeyTable> tables) {
        // OpenRouter's first, as the backend's tables are listed everywhere else
        return tables.stream().sorted(java.util.Comparator.comparing(t -> t.isOpenRouter() ? 0 : 1)).toList();
    }

    /** Whether two ciphers use the same key: a value one encrypts, the other decrypts to the same text. */
    static boolean sameSecret(IntegrationCipher a, IntegrationCipher b) {
        try (Secret probe = Secret.of("rotation-probe-" + UUID.randomUUID())) {
            try (DecryptOutcome outcome = b.decrypt(a.encrypt(probe), PlaintextShape.ANY_TEXT)) {
                return outcome.isOk() && sameChars(outcome.plaintext(), probe);
            }
        }
    }

    private static boolean sameChars(Secret x, Secret y) {
        char[] a = x.chars();
        char[] b = y.chars();
        try {
            return Arrays.equals(a, b);
        } finally {
            Arrays.fill(a, '\0');
            Arrays.fill(b, '\0');
        }
    }
}
