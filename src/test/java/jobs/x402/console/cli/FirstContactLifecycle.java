package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's main job, step by step through the CLI, on a database the console has never touched and that has
 * Supabase's role model: the console connects as a non-superuser postgres, auth belongs to supabase_auth_admin, and
 * no x402_console schema exists. One test per step, in order, so a failure names its step; the steps after a failed
 * one are skipped. With {@code X402_TEST_JDBC_URL} the same steps run on that server (a stock PostgreSQL 15).
 * Each schema variant has its subclass: the same steps on the specification's names and on the live project's.
 */
@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FirstContactLifecycle {
    private static final String SECRET = "first-contact-secret-Qv81";
    private static final String NEW_SECRET = "first-contact-new-secret-Lm27";
    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String KEY = KeyFixtures.openRouterKey();

    /** One home for all the steps: the backup of step 8 is restored in step 10. */
    @TempDir
    static Path home;

    /** The schema variant of the class's database (its {@link jobs.x402.console.testing.WithSchemaVariant}). */
    abstract SchemaVariant variant();
    private Path backup;
    private String failedStep;

    @RegisterExtension
    final TestWatcher stepWatcher = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failedStep = context.getDisplayName();
        }
    };

    @BeforeEach
    void skipAfterAFailedStep() {
        Assumptions.assumeTrue(failedStep == null, () -> "skipped: the earlier step " + failedStep + " failed");
    }

    private CliRun runWithInput(TestDatabase db, String stdin, String... args) {
        return CliRun.onDatabase(home, db, Map.of("INTEGRATION_ENCRYPTION_SECRET", SECRET, "NEW_SECRET", NEW_SECRET), stdin, args);
    }

    private CliRun run(TestDatabase db, String... args) {
        return runWithInput(db, "", args);
    }

    @Test
    @Order(0)
    void theDatabaseIsOneTheConsoleNeverTouchedWithSupabasesRoleModel(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select current_user, (select rolsuper from pg_roles where rolname = current_user),
                       (select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'auth'),
                       (select count(*) from pg_namespace where nspname = 'x402_console')""")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("postgres");
            assertThat(rs.getBoolean(2)).as("postgres is not a superuser").isFalse();
            assertThat(rs.getString(3)).isEqualTo("supabase_auth_admin");
            assertThat(rs.getInt(4)).as("no tracking schema yet").isZero();
        }
    }

    @Test
    @Order(1)
    void statusSaysPending(TestDatabase db) {
        // --json before the subcommand works as well as after it
        CliRun status = run(db, "--json", "migration", "status", "--quiet");
        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.json().path("state").asText()).isEqualTo("pending");
        assertThat(status.json().path("schemaVariant").asText()).isEqualTo(variant().label());
        CliRun history = run(db, "migration", "history", "--json", "--quiet");
        assertThat(history.exitCode).as(history.toString()).isZero();
        assertThat(history.json().path("changelog").size()).isZero();
        CliRun locks = run(db, "migration", "locks", "--json", "--quiet");
        assertThat(locks.exitCode).as(locks.toString()).isZero();
    }

    @Test
    @Order(2)
    void previewSaysWhatTheFirstApplyAdds(TestDatabase db) {
        CliRun preview = run(db, "migration", "preview");
        assertThat(preview.exitCode).as(preview.toString()).isZero();
        assertThat(preview.out).contains("The console has not run on this database; applying also creates schema"
                + " x402_console with its two bookkeeping tables").contains("create schema x402_console")
                .contains("primary key (id, author, filename)");
        JsonNode json = run(db, "migration", "preview", "--json", "--quiet").json();
        assertThat(json.path("preview").path("bookkeepingStatements").size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(3)
    void dryRunSucceedsAndLeavesNothingBehind(TestDatabase db) throws SQLException {
        CliRun dry = run(db, "migration", "dry-run", "--json", "--quiet");
        assertThat(dry.exitCode).as(dry.toString()).isZero();
        assertThat(dry.json().path("dryRun").path("wouldSucceed").asBoolean()).isTrue();
        assertThat(count(db, "select count(*) from pg_namespace where nspname = 'x402_console'"))
                .as("not even the bookkeeping schema").isZero();
        assertThat(count(db, "select count(*) from pg_class where relname = '" + variant().keyTable() + "'")).isZero();
    }

    @Test
    @Order(4)
    void applySucceedsOnTheFirstTryAndTheFootprintPassesSupabasesLinter(TestDatabase db) throws SQLException {
        CliRun apply = run(db, "migration", "apply", "--yes", "--json", "--quiet");
        assertThat(apply.exitCode).as(apply.toString()).isZero();
        assertThat(apply.json().path("applied").asBoolean()).isTrue();
        assertThat(count(db, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'x402_console' and c.relkind = 'r'")).isEqualTo(2);
        assertThat(count(db, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'x402_console' and c.relkind = 'r'"
                + " and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')"))
                .as("no_primary_key: every table of the console has one").isZero();
        assertThat(count(db, "select count(*) from pg_roles r, pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'x402_console' and r.rolname in ('anon', 'authenticated', 'service_role')"
                + " and (has_schema_privilege(r.oid, n.oid, 'usage') or has_table_privilege(r.oid, c.oid,"
                + " 'select, insert, update, delete, truncate, references, trigger'))"))
                .as("the API roles get nothing on the console's schema").isZero();
        assertThat(count(db, "select count(*) from unnest(string_to_array(current_setting('pgrst.db_schemas', true),"
                + " ',')) s where trim(s) = 'x402_console'")).as("not API-exposed").isZero();
        CliRun again = run(db, "migration", "status", "--json", "--quiet");
        assertThat(again.json().path("state").asText()).isEqualTo("applied");
        assertThat(count(db, "select count(*) from pg_constraint where conrelid = 'public.x402_resources'::regclass"
                + " and contype = 'f' and confrelid = '" + variant().qualifiedModelCatalog() + "'::regclass"))
                .as("the model reference points at the variant's catalog").isEqualTo(1);
        assertThat(count(db, "select count(*) from x402_console.databasechangelog where filename = '"
                + jobs.x402.console.migration.MigrationChangelog.of(variant()).logicalPath() + "'")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void verifyPasses(TestDatabase db) throws Exception {
        Path report = home.resolve("verify.md");
        CliRun verify = run(db, "migration", "verify", "--report", report.toString(), "--json", "--quiet");
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.json().path("passed").asBoolean()).isTrue();
        assertThat(Files.readString(report)).contains("PASSED");
    }

    @Test
    @Order(6)
    void probeOfTheKeyTablePassesForEveryPersona(TestDatabase db) {
        CliRun probe = run(db, "rls", "probe", "--expect", "--json", "--quiet");
        assertThat(probe.exitCode).as(probe.toString()).isZero();
        assertThat(probe.json().path("passed").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void keysSetScanAndRotate(TestDatabase db) {
        CliRun set = runWithInput(db, KEY + "\n", "keys", "set", "--user", ALICE, "--key-stdin", "--yes", "--json", "--quiet");
        assertThat(set.exitCode).as(set.toString()).isZero();
        CliRun scan = run(db, "keys", "scan", "--json", "--quiet");
        assertThat(scan.exitCode).as(scan.toString()).isZero();
        assertThat(scan.json().path("counts").path("OK").asInt()).isEqualTo(1);
        CliRun rotate = run(db, "keys", "rotate", "--new-secret-env", "NEW_SECRET", "--yes", "--json", "--quiet");
        assertThat(rotate.exitCode).as(rotate.toString()).isZero();
        CliRun newScan = run(db, "keys", "scan", "--secret-env", "NEW_SECRET", "--json", "--quiet");
        assertThat(newScan.exitCode).as(newScan.toString()).isZero();
        assertThat(newScan.json().path("counts").path("OK").asInt()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void rollbackWithBackup(TestDatabase db) throws SQLException {
        backup = home.resolve("backups").resolve("005-before-rollback.jsonl");
        CliRun rollback = run(db, "migration", "rollback", "--backup", backup.toString(), "--yes", "--confirm",
                db.name(), "--json", "--quiet");
        assertThat(rollback.exitCode).as(rollback.toString()).isZero();
        assertThat(backup).exists();
        assertThat(count(db, "select count(*) from pg_class where relname = '" + variant().keyTable() + "'")).isZero();
        assertThat(run(db, "migration", "status", "--json", "--quiet").json().path("state").asText())
                .isEqualTo("pending");
    }

    @Test
    @Order(9)
    void reApply(TestDatabase db) {
        CliRun apply = run(db, "migration", "apply", "--yes", "--json", "--quiet");
        assertThat(apply.exitCode).as(apply.toString()).isZero();
        assertThat(apply.json().path("applied").asBoolean()).isTrue();
    }

    @Test
    @Order(10)
    void restoreBringsTheKeyBack(TestDatabase db) {
        CliRun restore = run(db, "migration", "restore", backup.toString(), "--yes", "--json", "--quiet");
        assertThat(restore.exitCode).as(restore.toString()).isZero();
        assertThat(restore.json().path("keysRestored").asInt()).isEqualTo(1);
        CliRun scan = run(db, "keys", "scan", "--secret-env", "NEW_SECRET", "--json", "--quiet");
        assertThat(scan.exitCode).as(scan.toString()).isZero();
        assertThat(scan.json().path("counts").path("OK").asInt()).isEqualTo(1);
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(11)
    void everyFileTheConsoleWroteIsPrivate() throws Exception {
        List<String> readableByOthers = new ArrayList<>();
        try (var paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                var mode = Files.getPosixFilePermissions(path);
                boolean open = mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
                if (open && !path.equals(home)) {
                    readableByOthers.add(home.relativize(path) + " " + java.nio.file.attribute.PosixFilePermissions
                            .toString(mode));
                }
            }
        }
        assertThat(readableByOthers).as("files 0600, folders 0700 (audit log, backup, report)").isEmpty();
        assertThat(backup).exists();
    }
}
