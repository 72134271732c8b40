package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.migration.ObjectCheck.Finding;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static jobs.x402.console.migration.MigrationFixtures.LOCK_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-applied 005: partly (refused everywhere, nothing changes), fully (adopted), then drifted. */
@ExtendWith(DatabaseExtension.class)
class MigrationAdoptAndDriftTest {
    @TempDir
    Path home;

    @Test
    void partialThenCompleteManualRunThenDrift(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationFixtures.applyByHand(c, 3); // the table and two comments, then the operator stopped
            MigrationStatusReport partial = service.status();
            assertThat(partial.state()).isEqualTo(MigrationState.PARTLY_APPLIED);
            assertThat(partial.objects()).filteredOn(o -> o.kind().equals("policy"))
                    .allSatisfy(o -> assertThat(o.finding()).isEqualTo(Finding.DIFFERENT));
            assertThatThrownBy(() -> MigrationFixtures.apply(service)).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("partly applied").hasMessageContaining("Nothing was changed")
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
            assertThatThrownBy(() -> service.adopt(jobs.x402.console.core.Confirmation.given(), LOCK_TIMEOUT, ProgressListener.NONE))
                    .hasMessageContaining("Adopt refused").hasMessageContaining("policy");
            DryRunResult dry = service.dryRun(LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(dry.wouldSucceed()).isFalse();
            assertThat(dry.failed().sql()).contains("create table public.user_openrouter_integrations");
            assertThat(dry.error()).contains("already exists");
            assertThat(service.status().state()).isEqualTo(MigrationState.PARTLY_APPLIED);

            try (Statement st = c.createStatement()) {
                st.execute("drop table public.user_openrouter_integrations");
            }
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
            // the whole script by hand, typed the way the spec reads (upper case, other spacing)
            try (Statement st = c.createStatement()) {
                for (String sql : MigrationChangelog.of(SchemaVariant.SEED).applyStatements()) {
                    st.execute(sql.startsWith("create function") ? sql.replace("begin", "BEGIN")
                            .replace("new.updated_at = now();", "NEW.updated_at   =  NOW();") : sql);
                }
            }
            MigrationStatusReport hand = service.status();
            assertThat(hand.state()).as(hand.differences().toString())
                    .isEqualTo(MigrationState.APPLIED_WITHOUT_RECORD);
            assertThatThrownBy(() -> MigrationFixtures.apply(service)).hasMessageContaining("adopt");
            assertThatThrownBy(() -> new MigrationRollback(session, service).impact())
                    .hasMessageContaining("adopt");
            assertThatThrownBy(() -> service.adopt(jobs.x402.console.core.Confirmation.none(), LOCK_TIMEOUT, ProgressListener.NONE))
                    .hasMessageContaining("confirmation");
            AdoptResult adopted = service.adopt(jobs.x402.console.core.Confirmation.given(), LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(adopted.adopted()).isTrue();
            assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);
            assertThat(service.status().record().execType()).isNotBlank();
            assertThat(service.adopt(jobs.x402.console.core.Confirmation.given(), LOCK_TIMEOUT, ProgressListener.NONE).adopted()).isFalse();

            try (Statement st = c.createStatement()) {
                st.execute("drop policy \"Service role full access on OpenRouter\""
                        + " on public.user_openrouter_integrations");
                st.execute("alter table public.user_openrouter_integrations alter column is_enabled set default false");
                st.execute("create policy \"anyone reads\" on public.user_openrouter_integrations for select"
                        + " using (true)");
            }
            MigrationStatusReport drifted = service.status();
            assertThat(drifted.state()).isEqualTo(MigrationState.DRIFTED);
            assertThat(drifted.differences()).extracting(ObjectCheck::name).containsExactlyInAnyOrder(
                    "\"Service role full access on OpenRouter\"", "user_openrouter_integrations.is_enabled",
                    "no other policies");
            assertThat(drifted.differences()).filteredOn(o -> o.kind().equals("column")).first()
                    .satisfies(o -> assertThat(o.actual()).contains("DEFAULT false"));
            assertThat(drifted.differences()).filteredOn(o -> o.kind().equals("policies")).first()
                    .satisfies(o -> assertThat(o.actual()).contains("anyone reads"));
        }
    }

    @Test
    void missingPrerequisitesAreNamedAndNothingChanges(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create schema if not exists parked");
            st.execute("alter table public.ai_models set schema parked");
        }
        try (DatabaseSession session = db.openSession()) {
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationStatusReport status = service.status();
            assertThat(status.missingPrerequisites()).extracting(MigrationPrerequisite::name)
                    .containsExactly("public.ai_models");
            assertThatThrownBy(() -> MigrationFixtures.apply(service)).hasMessageContaining("public.ai_models")
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
            DryRunResult dry = service.dryRun(LOCK_TIMEOUT, ProgressListener.NONE);
            assertThat(dry.wouldSucceed()).isFalse();
            assertThat(dry.error()).contains("missing prerequisites: public.ai_models");
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("alter table parked.ai_models set schema public");
            }
        }
    }
}
