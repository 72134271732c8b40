package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import jobs.x402.console.testing.WithSchemaVariant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production-shaped database: the public repository's migration (x402_user_openrouter_integrations,
 * x402_openrouter_models) pasted in the repository's own DDL style and recorded by the Supabase CLI as
 * 20260128100003, with nothing of the console's. Step by step as an operator meets it: status, keys, probe, adopt,
 * rollback, repair of the CLI's history, re-apply recording the version, restore.
 */
@ExtendWith(DatabaseExtension.class)
@WithSchemaVariant(SchemaVariant.SHIPPED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedProductionTest {
    private static final String SECRET = "shipped-production-secret-Hx52";
    private static final String NEW_SECRET = "shipped-production-new-secret-Pa90";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";
    private static final String KEY = KeyFixtures.openRouterKey();
    private static final String VERSION = SchemaVariant.SUPABASE_CLI_VERSION;

    @TempDir
    static Path home;
    private Path backup;
    private String failedStep;

    @RegisterExtension
    final TestWatcher stepWatcher = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failedStep = context.getDisplayName();
        }
    };

    @BeforeAll
    void productionShape(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(fixture("fixtures/shipped-005-by-hand.sql"));
            st.execute(fixture("fixtures/supabase-cli-history.sql"));
        }
    }

    @BeforeEach
    void skipAfterAFailedStep() {
        Assumptions.assumeTrue(failedStep == null, () -> "skipped: the earlier step " + failedStep + " failed");
    }

    static String fixture(String resource) throws Exception {
        try (var in = ShippedProductionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CliRun runWithInput(TestDatabase db, String stdin, String... args) {
        return CliRun.onDatabase(home, db, Map.of("INTEGRATION_ENCRYPTION_SECRET", SECRET, "NEW_SECRET", NEW_SECRET), stdin, args);
    }

    private CliRun run(TestDatabase db, String... args) {
        return runWithInput(db, "", args);
    }

    @Test
    @Order(1)
    void statusSaysShippedAppliedAndNamesTheCliVersion(TestDatabase db) {
        CliRun status = run(db, "migration", "status", "--json", "--quiet");
        assertThat(status.exitCode).as(status.toString()).isZero();
        JsonNode json = status.json();
        assertThat(json.path("schemaVariant").asText()).isEqualTo("shipped");
        assertThat(json.path("state").asText()).isEqualTo("applied");
        assertThat(json.path("supabaseCliVersion").asText()).isEqualTo(VERSION);
        assertThat(json.path("recordedBy").asText()).contains("the Supabase CLI as " + VERSION);
        CliRun text = run(db, "migration", "status");
        assertThat(text.out).contains("recorded by the Supabase CLI as " + VERSION)
                .contains("schema variant: shipped").contains("x402_user_openrouter_integrations")
                .doesNotContain("DIFFERS");
        CliRun overview = run(db, "db", "overview", "--json", "--quiet");
        assertThat(overview.json().path("schemaVariant").asText()).isEqualTo("shipped");
        assertThat(overview.json().path("models").asInt()).as("counted in x402_openrouter_models").isPositive();
    }

    @Test
    @Order(2)
    void keysSetScanAndRotateOnTheShippedTableInTheBackendsFormat(TestDatabase db) throws Exception {
        CliRun set = runWithInput(db, KEY + "\n", "keys", "set", "--user", BOB, "--key-stdin", "--yes", "--json",
                "--quiet");
        assertThat(set.exitCode).as(set.toString()).isZero();
        assertThat(decryptAsTheBackendDoes(storedKey(db), SECRET)).isEqualTo(KEY);
        CliRun scan = run(db, "keys", "scan", "--json", "--quiet");
        assertThat(scan.exitCode).as(scan.toString()).isZero();
        assertThat(scan.json().path("table").asText()).isEqualTo("x402_user_openrouter_integrations.encrypted_api_key");
        CliRun rotate = run(db, "keys", "rotate", "--new-secret-env", "NEW_SECRET", "--yes", "--json", "--quiet");
        assertThat(rotate.exitCode).as(rotate.toString()).isZero();
        assertThat(decryptAsTheBackendDoes(storedKey(db), NEW_SECRET)).isEqualTo(KEY);
        // no text names a table this target does not have
        for (String[] args : List.of(new String[] {"keys", "list"}, new String[] {"keys", "scan"},
                new String[] {"migration", "status"}, new String[] {"migration", "preview"},
                new String[] {"migration", "rollback", "--impact"}, new String[] {"migration", "verify"},
                new String[] {"db", "overview"}, new String[] {"models", "list"})) {
            CliRun text = run(db, args);
            assertThat(text.out.replace("x402_user_openrouter_integrations", "").replace("x402_openrouter_models", ""))
                    .as(String.join(" ", args)).doesNotContain("user_openrouter_integrations").doesNotContain("ai_models");
        }
    }

    @Test
    @Order(3)
    void probeOfTheShippedKeyTablePasses(TestDatabase db) {
        CliRun probe = run(db, "rls", "probe", "--expect", "--json", "--quiet");
        assertThat(probe.exitCode).as(probe.toString()).isZero();
        assertThat(probe.json().toString()).contains("x402_user_openrouter_integrations");
    }

    @Test
    @Order(4)
    void rollbackWaitsForAdoptWhichRecordsInTheConsolesChangelogOnly(TestDatabase db) throws SQLException {
        CliRun early = run(db, "migration", "rollback", "--backup", home.resolve("early.jsonl").toString(), "--yes",
                "--confirm", db.name());
        assertThat(early.exitCode).as(early.toString()).isEqualTo(4);
        assertThat(early.err).contains("recorded only by the Supabase CLI");
        CliRun adopt = run(db, "migration", "adopt", "--yes", "--json", "--quiet");
        assertThat(adopt.exitCode).as(adopt.toString()).isZero();
        assertThat(adopt.json().path("adopted").asBoolean()).isTrue();
        assertThat(count(db, "select count(*) from supabase_migrations.schema_migrations")).as("untouched").isEqualTo(3);
        assertThat(count(db, "select count(*) from x402_console.databasechangelog"
                + " where filename = 'x402/005-openrouter-instant-shipped.sql'")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void rollbackSaysTheCliStillRecordsItAndShowsTheRepair(TestDatabase db) throws SQLException {
        backup = home.resolve("backups/shipped-005.jsonl");
        CliRun rollback = run(db, "migration", "rollback", "--backup", backup.toString(), "--yes", "--confirm",
                db.name(), "--json");
        assertThat(rollback.exitCode).as(rollback.toString()).isZero();
        assertThat(rollback.json().path("supabaseCliStillRecords").asBoolean()).isTrue();
        assertThat(rollback.json().path("supabaseCliRepairCommand").asText())
                .isEqualTo("supabase migration repair --status reverted " + VERSION);
        assertThat(rollback.err).contains("supabase migration repair --status reverted " + VERSION)
                .contains("--repair-supabase-history");
        assertThat(count(db, "select count(*) from supabase_migrations.schema_migrations where version = '"
                + VERSION + "'")).as("never removed on its own").isEqualTo(1);
        CliRun status = run(db, "migration", "status", "--json", "--quiet");
        assertThat(status.json().path("state").asText()).isEqualTo("pending");
        assertThat(status.json().path("summary").asText()).contains("the Supabase CLI still records " + VERSION);
    }

    @Test
    @Order(6)
    void theRepairHasItsOwnConfirmationAndRemovesOnlyThatVersion(TestDatabase db) throws Exception {
        CliRun unconfirmed = run(db, "migration", "rollback", "--repair-supabase-history");
        assertThat(unconfirmed.exitCode).as(unconfirmed.toString()).isEqualTo(4);
        CliRun repair = run(db, "migration", "rollback", "--repair-supabase-history", "--yes", "--json", "--quiet");
        assertThat(repair.exitCode).as(repair.toString()).isZero();
        assertThat(repair.json().path("supabaseCliRepaired").asBoolean()).isTrue();
        assertThat(count(db, "select count(*) from supabase_migrations.schema_migrations")).isEqualTo(2);
        assertThat(count(db, "select count(*) from supabase_migrations.schema_migrations where version = '"
                + VERSION + "'")).isZero();
        assertThat(Files.readString(home.resolve("data/audit.jsonl"))).contains("migration.repair-supabase-history");
    }

    @Test
    @Order(7)
    void reApplyRecordsTheVersionOnlyWhenAskedAndOnlyItsOwn(TestDatabase db) throws SQLException {
        CliRun wrong = run(db, "migration", "apply", "--yes", "--record-supabase-version", "20991231000000");
        assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(2);
        assertThat(count(db, "select count(*) from pg_class where relname = 'x402_user_openrouter_integrations'"))
                .as("nothing changed").isZero();
        CliRun apply = run(db, "migration", "apply", "--yes", "--record-supabase-version", VERSION, "--json",
                "--quiet");
        assertThat(apply.exitCode).as(apply.toString()).isZero();
        assertThat(count(db, "select count(*) from supabase_migrations.schema_migrations where version = '"
                + VERSION + "' and name = 'add_openrouter_integration'")).isEqualTo(1);
        JsonNode status = run(db, "migration", "status", "--json", "--quiet").json();
        assertThat(status.path("state").asText()).isEqualTo("applied");
        assertThat(status.path("recordedBy").asText()).contains("console").contains("Supabase CLI");
    }

    @Test
    @Order(8)
    void restoreBringsTheShippedKeyBack(TestDatabase db) throws Exception {
        CliRun restore = run(db, "migration", "restore", backup.toString(), "--yes", "--json", "--quiet");
        assertThat(restore.exitCode).as(restore.toString()).isZero();
        assertThat(restore.json().path("keysRestored").asInt()).isEqualTo(1);
        assertThat(decryptAsTheBackendDoes(storedKey(db), NEW_SECRET)).isEqualTo(KEY);
    }

    @Test
    @Order(9)
    void aHandAppliedShippedMigrationWithoutAnyRecordCanBeAdopted() throws Exception {
        TestDatabase fresh = TestDatabase.of(TestPostgres.get().freshDatabase("shipped_by_hand",
                SchemaVariant.SHIPPED), SchemaVariant.SHIPPED);
        try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
            st.execute(fixture("fixtures/shipped-005-by-hand.sql"));
        }
        JsonNode before = run(fresh, "migration", "status", "--json", "--quiet").json();
        assertThat(before.path("state").asText()).isEqualTo("applied_without_record");
        assertThat(before.path("schemaVariant").asText()).isEqualTo("shipped");
        assertThat(run(fresh, "migration", "adopt", "--yes", "--quiet").exitCode).isZero();
        assertThat(run(fresh, "migration", "status", "--json", "--quiet").json().path("state").asText())
                .isEqualTo("applied");
    }

    @Test
    @Order(10)
    void aDatabaseWithBothCatalogsIsAmbiguousUntilTheOperatorChooses() throws Exception {
        TestDatabase fresh = TestDatabase.of(TestPostgres.get().freshDatabase("ambiguous", SchemaVariant.SHIPPED),
                SchemaVariant.SHIPPED);
        try (Connection c = fresh.connect(); Statement st = c.createStatement()) {
            st.execute("create table public.ai_models (like public.x402_openrouter_models including all)");
        }
        CliRun overview = run(fresh, "db", "overview", "--json", "--quiet");
        assertThat(overview.exitCode).as(overview.toString()).isZero();
        assertThat(overview.json().path("schemaVariant").asText()).isEqualTo("ambiguous");
        assertThat(overview.json().path("schemaVariantEvidence").asText()).contains("both model catalogs");
        CliRun status = run(fresh, "migration", "status", "--json", "--quiet");
        assertThat(status.exitCode).as(status.toString()).isEqualTo(2);
        assertThat(status.err).contains("ambiguous").contains("--schema-variant");
        CliRun chosen = run(fresh, "migration", "status", "--json", "--quiet", "--schema-variant", "shipped");
        assertThat(chosen.exitCode).as(chosen.toString()).isZero();
        assertThat(chosen.json().path("schemaVariant").asText()).isEqualTo("shipped");
        assertThat(run(fresh, "migration", "status", "--schema-variant", "both").exitCode).isEqualTo(2);
    }

    private static String storedKey(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select encrypted_api_key from public.x402_user_openrouter_integrations where user_id = '" + BOB + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** The live backend's reader (encrypt.ts), in plain JCE: key = SHA-256(secret), AES-256-CBC, "iv:ciphertext". */
    static String decryptAsTheBackendDoes(String stored, String secret) throws Exception {
        String[] parts = stored.split(":");
        byte[] key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new IvParameterSpec(HexFormat.of().parseHex(parts[0])));
        return new String(cipher.doFinal(HexFormat.of().parseHex(parts[1])), StandardCharsets.UTF_8);
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
