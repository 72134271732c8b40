package jobs.x402.console.keys;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ExitCode;
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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Listing, scan, set/enable/disable/delete/reveal on migration 005's table, with audit and bad input. */
@ExtendWith(DatabaseExtension.class)
class KeyServicesTest {
    private static final String SECRET = "services-test-secret-Hk42";
    private static DatabaseSession session;
    private static IntegrationCipher cipher;
    private static List<UUID> users;
    private Map<UUID, String> keys;
    private AuditLog auditLog;
    private KeyAudit audit;

    @TempDir
    Path home;

    @BeforeAll
    static void setUp(TestDatabase db) throws Exception {
        Migration005.apply(db);
        session = db.openSession();
        cipher = IntegrationCipher.forSecret(Secret.of(SECRET));
        try (Connection c = db.connect()) {
            users = KeyFixtures.createUsers(c, 1_000, "services");
        }
    }

    @AfterAll
    static void tearDown() {
        session.close();
        cipher.close();
    }

    @BeforeEach
    void freshKeys(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            KeyFixtures.clear(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED));
            keys = KeyFixtures.insertKeys(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), users.subList(0, 900), cipher);
        }
        auditLog = new AuditLog(home.resolve("audit.jsonl"));
        audit = new KeyAudit(auditLog, session.identity());
    }

    @Test
    void pagesWalkEveryRowInUserIdOrderWithMaskedKeys() {
        KeyListing listing = new KeyListing(session);
        List<KeyRow> all = new ArrayList<>();
        KeyPage page = listing.page(KeyQuery.EVERYTHING, null, 200, cipher);
        all.addAll(page.rows());
        while (page.hasMore()) {
            page = listing.page(KeyQuery.EVERYTHING, page.nextCursor(), 200, cipher);
            all.addAll(page.rows());
        }
        assertThat(all).hasSize(900);
        // PostgreSQL orders uuids bytewise, which is their text order (Java's UUID.compareTo is signed)
        assertThat(all).extracting(r -> r.userId().toString()).isSorted().doesNotHaveDuplicates();
        assertThat(listing.count(KeyQuery.EVERYTHING)).isEqualTo(900);
        KeyRow first = all.get(0);
        String key = keys.get(first.userId());
        assertThat(first.status()).isEqualTo(KeyStatus.OK);
        assertThat(first.maskedKey()).isEqualTo("sk-or-v1-…" + key.substring(key.length() - 4));
        assertThat(first.email()).startsWith("services-");
        assertThat(all).allSatisfy(r -> assertThat(r.maskedKey()).doesNotContain(keys.get(r.userId())));
    }

    @Test
    void withoutASecretRowsSayNoSecretLoaded() {
        KeyPage page = new KeyListing(session).page(KeyQuery.EVERYTHING, null, 10, null);
        assertThat(page.rows()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(KeyStatus.NO_SECRET_LOADED);
            assertThat(r.maskedKey()).isEmpty();
        });
    }

    @Test
    void searchAndFiltersNarrowTheList(TestDatabase db) throws Exception {
        UUID disabled = users.get(5);
        UUID invalid = users.get(6);
        UUID broken = users.get(7);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update public.user_openrouter_integrations set is_enabled = false where user_id = '"
                    + disabled + "'");
            st.executeUpdate("update public.user_openrouter_integrations set is_valid = false,"
                    + " last_verified_at = now() where user_id = '" + invalid + "'");
            st.executeUpdate("update public.user_openrouter_integrations set encrypted_api_key = 'zz:zz'"
                    + " where user_id = '" + broken + "'");
        }
        KeyListing listing = new KeyListing(session);
        assertThat(listing.page(new KeyQuery("", KeyFilter.DISABLED), null, 50, cipher).rows())
                .extracting(KeyRow::userId).containsExactly(disabled);
        assertThat(listing.page(new KeyQuery("", KeyFilter.INVALID), null, 50, cipher).rows())
                .extracting(KeyRow::userId).containsExactly(invalid);
        assertThat(listing.count(new KeyQuery("", KeyFilter.NEVER_VERIFIED))).isEqualTo(899);
        KeyPage undecryptable = listing.page(new KeyQuery("", KeyFilter.UNDECRYPTABLE), null, 50, cipher);
        assertThat(undecryptable.rows()).extracting(KeyRow::userId).containsExactly(broken);
        assertThat(undecryptable.rows().get(0).status()).isEqualTo(KeyStatus.MALFORMED);
        assertThat(listing.page(new KeyQuery("services-5@EXAMPLE", KeyFilter.ALL), null, 50, cipher).rows())
                .extracting(KeyRow::email).contains("services-5@example.com");
        String prefix = users.get(9).toString().substring(0, 13);
        assertThat(listing.page(new KeyQuery(prefix, KeyFilter.ALL), null, 50, cipher).rows())
                .extracting(KeyRow::userId).contains(users.get(9));
    }

    @Test
    void scanReportsEveryRowAndEachDefectByName(TestDatabase db) throws Exception {
        UUID wrong = users.get(1);
        UUID odd = users.get(2);
        String wrongValue;
        try (IntegrationCipher other = IntegrationCipher.forSecret(Secret.of("not-the-secret"))) {
            wrongValue = other.encrypt(Secret.of(KeyFixtures.openRouterKey()));
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update public.user_openrouter_integrations set encrypted_api_key = '" + wrongValue
                    + "' where user_id = '" + wrong + "'");
            st.executeUpdate("update public.user_openrouter_integrations set encrypted_api_key = 'abc:abcd'"
                    + " where user_id = '" + odd + "'");
        }
        HealthReport report = new KeyHealthScan(session).scan(EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), cipher,
                ProgressListener.NONE);
        assertThat(report.total()).isEqualTo(900);
        assertThat(report.healthy()).isFalse();
        assertThat(report.unhealthy()).extracting(RowHealth::userId).containsExactlyInAnyOrder(wrong, odd);
        assertThat(report.unhealthy()).filteredOn(r -> r.userId().equals(odd)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(DecryptStatus.ODD_LENGTH));
        assertThat(report.unhealthy()).filteredOn(r -> r.userId().equals(wrong)).singleElement()
                .satisfies(r -> assertThat(r.status().category()).isEqualTo(DecryptStatus.Category.WRONG_SECRET));
    }

    @Test
    void setRefusesATextThatIsNotAKeyUnlessForcedAndStoresWhatTheBackendReads() throws Exception {
        KeyEditor editor = new KeyEditor(session, audit);
        UUID user = users.get(950);
        OperatorException refused = catchThrowableOfType(OperatorException.class, () ->
                editor.set(user, Secret.of("hello world"), cipher, null, false));
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.getMessage()).doesNotContain("hello world");

        String key = KeyFixtures.openRouterKey();
        KeyEditor.SetResult result = editor.set(user, Secret.of(key), cipher, null, false);
        assertThat(result.replaced()).isFalse();
        try (Secret revealed = editor.reveal(user, cipher)) {
            assertThat(revealed.reveal()).isEqualTo(key);
        }
        String stored = storedValue(user);
        assertThat(BackendCbcReference.decryptText(SECRET, stored)).isEqualTo(key);

        String replacement = KeyFixtures.openRouterKey();
        assertThat(editor.set(user, Secret.of(replacement), cipher, null, false).replaced()).isTrue();
        assertThat(BackendCbcReference.decryptText(SECRET, storedValue(user))).isEqualTo(replacement);

        UUID other = users.get(951);
        editor.set(other, Secret.of("not a key at all"), cipher, null, true);
        assertThat(auditLog.read()).extracting(AuditLog.Entry::action).contains("keys.set", "keys.reveal");
        SecretRotationTest.assertNoSecretIn(home.resolve("audit.jsonl"));
    }

    @Test
    void setForAUserThatDoesNotExistIsAClearUsageError() {
        UUID nobody = UUID.randomUUID();
        OperatorException e = catchThrowableOfType(OperatorException.class, () ->
                new KeyEditor(session, audit).set(nobody, Secret.of(KeyFixtures.openRouterKey()), cipher, null,
                        false));
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(e.problem()).contains(nobody.toString()).contains("auth.users");
    }

    @Test
    void setUnderASecretThatDecryptsNoExistingKeyIsRefused() {
        try (IntegrationCipher wrong = IntegrationCipher.forSecret(Secret.of("a-different-secret"))) {
            OperatorException e = catchThrowableOfType(OperatorException.class, () ->
                    new KeyEditor(session, audit).set(users.get(960), Secret.of(KeyFixtures.openRouterKey()), wrong,
                            null, false));
            assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
        }
    }

    @Test
    void enableDisableDeleteAndAKeyDeletedMeanwhile() throws Exception {
        KeyEditor editor = new KeyEditor(session, audit);
        UUID user = users.get(3);
        editor.disable(user);
        assertThat(enabled(user)).isFalse();
        editor.enable(user);
        assertThat(enabled(user)).isTrue();
        editor.delete(user);
        assertThat(storedValue(user)).isNull();
        OperatorException gone = catchThrowableOfType(OperatorException.class, () -> editor.disable(user));
        assertThat(gone.problem()).contains("has no OpenRouter key");
        assertThat(catchThrowableOfType(OperatorException.class, () -> editor.reveal(user, cipher))).isNotNull();
        assertThat(auditLog.read()).extracting(AuditLog.Entry::action)
                .contains("keys.disable", "keys.enable", "keys.delete");
        assertThat(auditLog.read()).allSatisfy(entry -> {
            assertThat(entry.databaseRole()).isNotBlank();
            assertThat(entry.osUser()).isNotBlank();
        });
    }

    @Test
    void revealWithTheWrongSecretNamesTheOutcomeNotTheValue() {
        try (IntegrationCipher wrong = IntegrationCipher.forSecret(Secret.of("wrong-secret"))) {
            OperatorException e = catchThrowableOfType(OperatorException.class, () ->
                    new KeyEditor(session, audit).reveal(users.get(0), wrong));
            assertThat(e.problem()).contains("wrong secret").doesNotContainPattern("[0-9a-f]{32}:");
        }
    }

    private static String storedValue(UUID user) throws Exception {
        try (Connection c = session.connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("select encrypted_api_key from public.user_openrouter_integrations"
                     + " where user_id = '" + user + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean enabled(UUID user) throws Exception {
        try (Connection c = session.connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("select is_enabled from public.user_openrouter_integrations"
                     + " where user_id = '" + user + "'")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
