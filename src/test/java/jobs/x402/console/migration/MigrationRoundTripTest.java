package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static jobs.x402.console.migration.MigrationFixtures.LOCK_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status → dry run → apply → verify → rollback (with backup) → apply → restore → identical rows. */
@ExtendWith(DatabaseExtension.class)
class MigrationRoundTripTest {
    @TempDir
    Path home;

    @Test
    void roundTripLosesNothing(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationRollback rollback = new MigrationRollback(session, service);
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_namespace where nspname = 'x402_console'"))
                    .as("a database the console never touched").isZero();

            DryRunResult dry = service.dryRun(LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(dry.wouldSucceed()).as(String.valueOf(dry.error())).isTrue();
            assertThat(dry.wouldBe().state()).isEqualTo(MigrationState.APPLIED);
            assertThat(dry.statements()).filteredOn(StatementRun::migrationStatement)
                    .hasSize(MigrationChangelog.of(SchemaVariant.SEED).applyStatements().size());
            assertThat(service.status().state()).as("a dry run leaves nothing").isEqualTo(MigrationState.PENDING);
            assertThat(MigrationFixtures.exists(c, "public.user_openrouter_integrations")).isFalse();
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_namespace where nspname = 'x402_console'"))
                    .as("a dry run leaves not even the bookkeeping schema behind").isZero();

            ApplyResult applied = service.apply(jobs.x402.console.core.Confirmation.given(), LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(applied.applied()).isTrue();
            assertThat(applied.after().state()).isEqualTo(MigrationState.APPLIED);
            assertThat(service.apply(jobs.x402.console.core.Confirmation.given(), LOCK_TIMEOUT, ProgressListener.NONE).applied())
                    .as("a second apply is a no-op").isFalse();
            VerificationReport verification = new MigrationVerifier(session).run(ProgressListener.NONE);
            assertThat(verification.steps()).allSatisfy(s -> assertThat(s.passed()).as(s.title() + ": "
                    + s.result() + " " + s.evidence()).isTrue());
            assertThat(verification.toMarkdown()).contains("# Migration 005 verification", db.name(), "PASSED");

            MigrationFixtures.seedData(c);
            List<String> before = MigrationFixtures.doomedValues(c);
            assertThat(before).hasSize(4);
            RollbackImpact impact = rollback.impact();
            assertThat(impact.keyRows()).isEqualTo(2);
            assertThat(impact.resourcesWithValues()).isEqualTo(2);
            assertThat(impact.blocked()).isFalse();

            try (Statement st = c.createStatement()) {
                st.execute("update public.x402_resources set resource_type = 'openrouter_instant'"
                        + " where id = 'c0000000-0000-4000-8000-000000000005'");
            }
            Path backup = home.resolve("backups/005.jsonl");
            assertThatThrownBy(() -> rollback.rollback(new MigrationRollback.Request(backup, false, jobs.x402.console.core.Confirmation.given(db.name()),
                    LOCK_TIMEOUT), ProgressListener.NONE))
                    .isInstanceOf(OperatorException.class).hasMessageContaining("openrouter_instant")
                    .hasMessageContaining("haiku")
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
            assertThat(backup).doesNotExist();
            try (Statement st = c.createStatement()) {
                st.execute("update public.x402_resources set resource_type = 'prompt_template'"
                        + " where id = 'c0000000-0000-4000-8000-000000000005'");
            }
            assertThatThrownBy(() -> rollback.rollback(new MigrationRollback.Request(null, false, jobs.x402.console.core.Confirmation.given(db.name()),
                    LOCK_TIMEOUT), ProgressListener.NONE)).hasMessageContaining("no backup file");
            assertThatThrownBy(() -> rollback.rollback(new MigrationRollback.Request(backup, false, jobs.x402.console.core.Confirmation.given("other"),
                    LOCK_TIMEOUT), ProgressListener.NONE)).hasMessageContaining("naming the database");
            assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);

            RollbackResult rolledBack = rollback.rollback(new MigrationRollback.Request(backup, false, jobs.x402.console.core.Confirmation.given(db.name()), LOCK_TIMEOUT), ProgressListener.NONE);
            assertThat(rolledBack.after().state()).isEqualTo(MigrationState.PENDING);
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
            assertThat(MigrationFixtures.exists(c, "public.user_openrouter_integrations")).isFalse();
            String backupText = Files.readString(backup, StandardCharsets.UTF_8);
            assertThat(backupText).contains(MigrationFixtures.ALICE_CIPHERTEXT, MigrationFixtures.BOB_CIPHERTEXT)
                    .contains(rolledBack.backup().sha256());
            assertThat(home.resolve("audit.jsonl")).content().contains("migration.rollback")
                    .doesNotContain(MigrationFixtures.ALICE_CIPHERTEXT);

            MigrationFixtures.apply(service);
            RestoreResult restored = rollback.restore(backup, jobs.x402.console.core.Confirmation.given(), false, false, LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(restored.keysRestored()).isEqualTo(2);
            assertThat(restored.resourcesRestored()).isEqualTo(2);
            assertThat(MigrationFixtures.doomedValues(c)).as("byte-identical rows").isEqualTo(before);
            RestoreResult again = rollback.restore(backup, jobs.x402.console.core.Confirmation.given(), false, false, LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(again.alreadyPresent()).isEqualTo(4);
            assertThat(again.keysRestored()).isZero();

            Path corrupt = home.resolve("corrupt.jsonl");
            Files.writeString(corrupt, backupText.replace(MigrationFixtures.BOB_CIPHERTEXT.substring(0, 8), "deadbeef"));
            assertThatThrownBy(() -> rollback.restore(corrupt, jobs.x402.console.core.Confirmation.given(), false, false, LOCK_TIMEOUT,
                    ProgressListener.NONE)).hasMessageContaining("SHA-256").hasMessageNotContaining("deadbeef");
            Path foreign = home.resolve("foreign.jsonl");
            Files.writeString(foreign, "{\"hello\":1}\n{\"end\":true}\n");
            assertThatThrownBy(() -> rollback.restore(foreign, jobs.x402.console.core.Confirmation.given(), false, false, LOCK_TIMEOUT,
                    ProgressListener.NONE)).hasMessageContaining("not a migration 005 rollback backup");
            Path truncated = home.resolve("truncated.jsonl");
            Files.writeString(truncated, backupText.substring(0, backupText.length() / 2));
            assertThatThrownBy(() -> rollback.restore(truncated, jobs.x402.console.core.Confirmation.given(), false, false, LOCK_TIMEOUT,
                    ProgressListener.NONE)).isInstanceOf(OperatorException.class);
            assertThat(MigrationFixtures.doomedValues(c)).isEqualTo(before);
        }
    }

    @Test
    void catalogHoldsEveryObjectOfTheSpecification(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            if (service.status().state() != MigrationState.APPLIED) {
                MigrationFixtures.apply(service);
            }
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_policies where tablename ="
                    + " 'user_openrouter_integrations' and policyname = 'Users can manage their own OpenRouter config'"
                    + " and cmd = 'ALL' and roles = '{public}' and qual = '(auth.uid() = user_id)'"
                    + " and with_check = '(auth.uid() = user_id)'")).isEqualTo(1);
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_policies where tablename ="
                    + " 'user_openrouter_integrations' and policyname = 'Service role full access on OpenRouter'"
                    + " and cmd = 'ALL' and roles = '{service_role}' and qual = 'true' and with_check is null"))
                    .isEqualTo(1);
            assertThat(MigrationFixtures.count(c, "select count(*) from information_schema.referential_constraints r"
                    + " join information_schema.key_column_usage k on k.constraint_name = r.constraint_name"
                    + " where (k.column_name = 'user_id' and k.table_name = 'user_openrouter_integrations'"
                    + " and r.delete_rule = 'CASCADE') or (k.column_name = 'openrouter_model_id'"
                    + " and r.delete_rule = 'SET NULL')")).isEqualTo(2);
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_class where relname ="
                    + " 'user_openrouter_integrations' and relrowsecurity")).isEqualTo(1);
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_indexes where indexname ="
                    + " 'idx_x402_resources_openrouter_model' and indexdef like '%WHERE (openrouter_model_id IS NOT NULL)'"))
                    .isEqualTo(1);
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_attribute a where a.attrelid ="
                    + " 'public.user_openrouter_integrations'::regclass and a.attnum > 0 and not a.attisdropped"
                    + " and col_description(a.attrelid, a.attnum) is not null")).isEqualTo(7);
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_trigger where tgname ="
                    + " 'openrouter_integration_updated_at' and tgtype = 19")).isEqualTo(1);
            try (Statement st = c.createStatement()) {
                st.execute("insert into public.x402_resources (resource_url, network, name, pay_to, normalized_url,"
                        + " resource_type) values ('https://t/1', 'base', 't', 'p', 't1', 'openrouter_instant')");
                st.execute("delete from public.x402_resources where normalized_url = 't1'");
            }
            MigrationStatusReport status = service.status();
            assertThat(status.objects()).allSatisfy(o -> assertThat(o.matches()).as(o.toString()).isTrue());
            assertThat(status.record().filename()).isEqualTo("x402/005-openrouter-instant.sql");
            assertThat(status.checksumMatches()).isTrue();
        }
    }
}
