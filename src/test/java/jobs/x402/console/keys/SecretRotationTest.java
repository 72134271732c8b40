package jobs.x402.console.keys;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperationCancelledException;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rotation on x402_user_claude_configs (same scheme as the OpenRouter keys), 10k rows, with faults injected. */
@ExtendWith(DatabaseExtension.class)
class SecretRotationTest {
    private static final int ROWS = 10_000;
    private static final String OLD_SECRET = "rotation-old-secret-Zq81";
    private static final String NEW_SECRET = "rotation-new-secret-Pw27";
    private static final Set<EncryptedKeyTable> CLAUDE = java.util.Set.of(EncryptedKeyTable.CLAUDE);

    private static DatabaseSession session;
    private static List<UUID> users;
    private static IntegrationCipher oldCipher;
    private static IntegrationCipher newCipher;
    private Map<UUID, String> plaintexts;
    private KeyAudit audit;
    private AuditLog auditLog;

    @TempDir
    Path home;

    @BeforeAll
    static void createUsers(TestDatabase db) throws Exception {
        session = db.openSession();
        oldCipher = IntegrationCipher.forSecret(Secret.of(OLD_SECRET));
        newCipher = IntegrationCipher.forSecret(Secret.of(NEW_SECRET));
        try (Connection c = db.connect()) {
            users = KeyFixtures.createUsers(c, ROWS, "rotation");
        }
    }

    @AfterAll
    static void close() {
        session.close();
        oldCipher.close();
        newCipher.close();
    }

    @BeforeEach
    void freshKeys(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            KeyFixtures.clear(c, EncryptedKeyTable.CLAUDE);
            plaintexts = KeyFixtures.insertKeys(c, EncryptedKeyTable.CLAUDE, users, oldCipher);
        }
        auditLog = new AuditLog(home.resolve("audit.jsonl"));
        audit = new KeyAudit(auditLog, session.identity());
    }

    @Test
    void rotatesEveryRowAndEveryRowDecryptsToTheSameKeyAfterwards(TestDatabase db) throws Exception {
        RotationReport report = new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, newCipher, false,
                ProgressListener.NONE);

        assertThat(report.rotatedRows()).isEqualTo(ROWS);
        assertThat(report.verifiedAfter()).isTrue();
        assertThat(report.scanAfter()).singleElement().satisfies(r -> assertThat(r.healthy()).isTrue());
        try (Connection c = db.connect()) {
            Map<UUID, String> stored = KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE);
            assertThat(stored).hasSize(ROWS);
            stored.forEach((user, value) -> {
                try (DecryptOutcome outcome = newCipher.decrypt(value, EncryptedKeyTable.CLAUDE.shape())) {
                    assertThat(outcome.isOk()).isTrue();
                    assertThat(outcome.plaintext().reveal()).isEqualTo(plaintexts.get(user));
                }
            });
        }
        assertThat(auditLog.read()).extracting(AuditLog.Entry::result).contains("committed");
        assertNoSecretIn(home.resolve("audit.jsonl"));
    }

    @Test
    void killingTheConnectionMidWayLeavesEveryRowExactlyAsItWas(TestDatabase db) throws Exception {
        Map<UUID, String> before;
        try (Connection c = db.connect()) {
            before = KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE);
        }
        AtomicBoolean killed = new AtomicBoolean();
        ProgressListener killer = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                // half of the new values are in the temporary table: cut the rotation's connection from outside
                if (!killed.get() && message.startsWith("Writing") && done > total * 3 / 4) {
                    killed.set(terminateRotationBackend(db));
                }
            }
        };

        OperatorException failure = catchThrowableOfType(OperatorException.class, () ->
                new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, newCipher, false, killer));

        assertThat(killed).isTrue();
        assertThat(failure).isNotNull();
        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.problem()).contains("lost during the rotation").contains("never committed");
        try (Connection c = db.connect()) {
            assertThat(KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE)).isEqualTo(before);
        }
        HealthReport scan = new KeyHealthScan(session).scan(EncryptedKeyTable.CLAUDE, oldCipher,
                ProgressListener.NONE);
        assertThat(scan.total()).isEqualTo(ROWS);
        assertThat(scan.healthy()).isTrue();
        assertThat(auditLog.read()).extracting(AuditLog.Entry::result).anyMatch(r -> r.startsWith("failed"));
    }

    @Test
    void cancelRollsBack(TestDatabase db) throws Exception {
        Map<UUID, String> before;
        try (Connection c = db.connect()) {
            before = KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE);
        }
        AtomicBoolean cancel = new AtomicBoolean();
        ProgressListener cancelling = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                if (message.startsWith("Writing") && done > total * 2 / 3) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };

        assertThat(catchThrowableOfType(OperationCancelledException.class, () ->
                new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, newCipher, false, cancelling)))
                .isNotNull();
        try (Connection c = db.connect()) {
            assertThat(KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE)).isEqualTo(before);
        }
        assertThat(auditLog.read()).extracting(AuditLog.Entry::result).contains("cancelled: rolled back");
    }

    @Test
    void undecryptableRowsAreListedAndRotationRefusesUntilExcludedExplicitly(TestDatabase db) throws Exception {
        UUID wrongSecret = users.get(17);
        UUID malformed = users.get(4242);
        String wrongValue;
        try (IntegrationCipher other = IntegrationCipher.forSecret(Secret.of("some-other-secret"))) {
            wrongValue = other.encrypt(Secret.of(KeyFixtures.claudeKey()));
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update public.x402_user_claude_configs set api_key_encrypted = '" + wrongValue
                    + "' where user_id = '" + wrongSecret + "'");
            st.executeUpdate("update public.x402_user_claude_configs set api_key_encrypted = 'abc:def'"
                    + " where user_id = '" + malformed + "'");
        }
        Map<UUID, String> before;
        try (Connection c = db.connect()) {
            before = KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE);
        }

        UndecryptableRowsException refused = catchThrowableOfType(UndecryptableRowsException.class, () ->
                new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, newCipher, false,
                        ProgressListener.NONE));
        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.rows()).extracting(UndecryptableRow::userId).containsExactlyInAnyOrder(wrongSecret,
                malformed);
        try (Connection c = db.connect()) {
            assertThat(KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE)).isEqualTo(before);
        }

        RotationReport report = new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, newCipher, true,
                ProgressListener.NONE);
        assertThat(report.rotatedRows()).isEqualTo(ROWS - 2);
        assertThat(report.excluded()).extracting(UndecryptableRow::userId)
                .containsExactlyInAnyOrder(wrongSecret, malformed);
        assertThat(report.verifiedAfter()).isTrue();
        try (Connection c = db.connect()) {
            Map<UUID, String> after = KeyFixtures.storedValues(c, EncryptedKeyTable.CLAUDE);
            assertThat(after.get(wrongSecret)).isEqualTo(before.get(wrongSecret));
            assertThat(after.get(malformed)).isEqualTo("abc:def");
        }
    }

    @Test
    void theSameSecretTwiceIsAUsageError() {
        try (IntegrationCipher again = IntegrationCipher.forSecret(Secret.of(OLD_SECRET))) {
            OperatorException e = catchThrowableOfType(OperatorException.class, () ->
                    new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, again, false,
                            ProgressListener.NONE));
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    @Test
    void aLockHeldByAnotherSessionIsRefusedQuicklyWithNothingChanged(TestDatabase db) throws Exception {
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("lock table public.x402_user_claude_configs in row exclusive mode");
            long start = System.nanoTime();
            OperatorException e = catchThrowableOfType(OperatorException.class, () ->
                    new SecretRotation(session, audit).rotate(CLAUDE, oldCipher, newCipher, false,
                            ProgressListener.NONE));
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(e.problem()).contains("lock");
            assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(30);
            holder.rollback();
        }
    }

    private static boolean terminateRotationBackend(TestDatabase db) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                     + " where application_name = '" + SecretRotation.APPLICATION_NAME + "'"
                     + " and datname = current_database()")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertNoSecretIn(Path file) throws Exception {
        if (!Files.exists(file)) {
            return;
        }
        String text = Files.readString(file);
        assertThat(text).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET).doesNotContain("sk-ant-")
                .doesNotContain("sk-or-v1-").doesNotContainPattern("[0-9a-f]{32}:[0-9a-f]{32,}");
    }
}
