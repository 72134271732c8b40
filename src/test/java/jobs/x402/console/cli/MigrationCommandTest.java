package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The `migration` commands end to end on a real database, with the contract's exit codes. */
@ExtendWith(DatabaseExtension.class)
class MigrationCommandTest {
    @TempDir
    Path home;

    private CliRun run(TestDatabase db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--user", "postgres"));
        Map<String, String> env = db.target().password() == null ? Map.of()
                : Map.of("PGPASSWORD", db.target().password().reveal());
        return CliRun.run(home, env, all.toArray(String[]::new));
    }

    @Test
    void theWholeLifecycleWithExitCodes(TestDatabase db) throws Exception {
        CliRun status = run(db, "migration", "status", "--json", "--quiet");
        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.json().path("state").asText()).isEqualTo("pending");
        assertThat(status.json().path("status").path("objects").size()).isGreaterThan(20);

        CliRun preview = run(db, "migration", "preview");
        assertThat(preview.exitCode).isZero();
        assertThat(preview.out).contains("create table public.user_openrouter_integrations",
                "drop table public.user_openrouter_integrations", "-- ROLLBACK:");

        CliRun dry = run(db, "migration", "dry-run", "--json", "--quiet");
        assertThat(dry.exitCode).as(dry.toString()).isZero();
        assertThat(dry.json().path("dryRun").path("wouldSucceed").asBoolean()).isTrue();

        CliRun unconfirmed = run(db, "migration", "apply", "--json");
        assertThat(unconfirmed.exitCode).as(unconfirmed.toString()).isEqualTo(4);
        assertThat(unconfirmed.err).contains("target:", db.name(), "--yes");
        CliRun apply = run(db, "migration", "apply", "--yes", "--json", "--quiet");
        assertThat(apply.exitCode).as(apply.toString()).isZero();
        assertThat(apply.json().path("applied").asBoolean()).isTrue();
        CliRun again = run(db, "migration", "apply", "--yes");
        assertThat(again.exitCode).isZero();
        assertThat(again.out).contains("already applied");

        Path report = home.resolve("verify.md");
        CliRun verify = run(db, "migration", "verify", "--report", report.toString(), "--json", "--quiet");
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        assertThat(verify.json().path("passed").asBoolean()).isTrue();
        assertThat(Files.readString(report)).contains("# Migration 005 verification", db.name());

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into public.user_openrouter_integrations (user_id, encrypted_api_key) values"
                    + " ('11111111-1111-4111-8111-111111111111', '00112233445566778899aabbccddeeff:00112233445566778899aabbccddeeff')");
        }
        CliRun impact = run(db, "migration", "rollback", "--impact", "--json", "--quiet");
        assertThat(impact.exitCode).isZero();
        assertThat(impact.json().path("impact").path("keyRows").asLong()).isEqualTo(1);
        CliRun noBackup = run(db, "migration", "rollback", "--yes", "--confirm", db.name());
        assertThat(noBackup.exitCode).as(noBackup.toString()).isEqualTo(4);
        assertThat(noBackup.err).contains("backup");
        Path backup = home.resolve("005.jsonl");
        CliRun wrongName = run(db, "migration", "rollback", "--backup", backup.toString(), "--yes", "--confirm",
                "not_this_one");
        assertThat(wrongName.exitCode).isEqualTo(4);
        assertThat(backup).doesNotExist();
        CliRun rollback = run(db, "migration", "rollback", "--backup", backup.toString(), "--yes", "--confirm",
                db.name(), "--json", "--quiet");
        assertThat(rollback.exitCode).as(rollback.toString()).isZero();
        assertThat(rollback.out).doesNotContain("00112233445566778899aabbccddeeff:");
        assertThat(run(db, "migration", "status", "--json").json().path("state").asText()).isEqualTo("pending");
        CliRun restoreTooEarly = run(db, "migration", "restore", backup.toString(), "--yes");
        assertThat(restoreTooEarly.exitCode).isEqualTo(4);

        assertThat(run(db, "migration", "apply", "--yes", "--quiet").exitCode).isZero();
        CliRun restore = run(db, "migration", "restore", backup.toString(), "--yes", "--json", "--quiet");
        assertThat(restore.exitCode).as(restore.toString()).isZero();
        assertThat(restore.json().path("keysRestored").asInt()).isEqualTo(1);
        Files.writeString(home.resolve("bad.jsonl"), "not a backup\n");
        assertThat(run(db, "migration", "restore", home.resolve("bad.jsonl").toString(), "--yes").exitCode)
                .isEqualTo(4);

        CliRun history = run(db, "migration", "history", "--json", "--quiet");
        assertThat(history.exitCode).isZero();
        JsonNode audit = history.json().path("audit");
        assertThat(audit.toString()).contains("migration.apply", "migration.rollback", "migration.restore");
        assertThat(history.json().path("changelog").toString()).contains("005-openrouter-instant");

        CliRun locks = run(db, "migration", "locks", "--json", "--quiet");
        assertThat(locks.exitCode).isZero();
        assertThat(locks.json().path("free").asBoolean()).isTrue();
        CliRun releaseUnconfirmed = run(db, "migration", "locks", "--release");
        assertThat(releaseUnconfirmed.exitCode).isEqualTo(4);
    }

    @Test
    void aRestoreThatLosesItsConnectionExitsThreeLikeEveryLostConnection() throws Exception {
        TestDatabase db = TestDatabase.of(jobs.x402.console.testing.TestPostgres.get().freshDatabase("lost_restore"));
        assertThat(run(db, "migration", "apply", "--yes", "--quiet").exitCode).isZero();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into public.user_openrouter_integrations (user_id, encrypted_api_key) values"
                    + " ('22222222-2222-4222-8222-222222222222', '00112233445566778899aabbccddeeff:"
                    + "00112233445566778899aabbccddeeff') on conflict do nothing");
        }
        Path backup = home.resolve("lost-connection.jsonl");
        assertThat(run(db, "migration", "rollback", "--backup", backup.toString(), "--yes", "--confirm", db.name(),
                "--quiet").exitCode).isZero();
        assertThat(run(db, "migration", "apply", "--yes", "--quiet").exitCode).isZero();
        try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // EXCLUSIVE lets the catalog reads through and stops the restore at its first insert
            st.execute("lock table public.user_openrouter_integrations in exclusive mode");
            java.util.concurrent.CompletableFuture<CliRun> restore = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> run(db, "migration", "restore", backup.toString(), "--yes", "--quiet",
                            "--lock-timeout", "30"));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            int terminated = 0;
            while (terminated == 0 && System.nanoTime() < deadline) {
                try (Connection o = db.connect(); Statement observer = o.createStatement();
                     java.sql.ResultSet rs = observer.executeQuery(
                        "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name like"
                                + " 'x402-console migration restore%' and wait_event_type = 'Lock'")) {
                    rs.next();
                    terminated = rs.getInt(1);
                }
                Thread.sleep(50);
            }
            if (terminated == 0) {
                blocker.rollback();
                throw new AssertionError("the restore never waited on the lock: " + restore.get(30,
                        java.util.concurrent.TimeUnit.SECONDS));
            }
            CliRun result = restore.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
            blocker.rollback();
        }
    }
}
