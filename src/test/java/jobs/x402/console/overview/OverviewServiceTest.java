package jobs.x402.console.overview;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DatabaseExtension.class)
class OverviewServiceTest {

    @Test
    void countsMatchTheDatabaseAndAllPrerequisitesArePresent(TestDatabase db) throws Exception {
        long users;
        long resources;
        long prompts;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from auth.users),"
                     + " (select count(*) from x402_resources),"
                     + " (select count(*) from x402_resources where resource_type = 'prompt_template')")) {
            rs.next();
            users = rs.getLong(1);
            resources = rs.getLong(2);
            prompts = rs.getLong(3);
        }
        try (DatabaseSession session = db.openSession()) {
            OverviewReport report = new OverviewService(session).read(ProgressListener.NONE);
            assertThat(report.users()).isEqualTo(users);
            assertThat(report.resources()).isEqualTo(resources);
            assertThat(report.resourcesByType()).containsEntry("prompt_template", prompts);
            assertThat(report.models()).isGreaterThan(report.activeModels() - 1);
            assertThat(report.prerequisitesMet()).isTrue();
            assertThat(report.migration005().state())
                    .isEqualTo(jobs.x402.console.migration.MigrationState.PENDING);
            assertThat(report.prerequisites()).extracting(Prerequisite::name)
                    .contains("auth.users", "auth.uid()", "public.ai_models", "public.x402_resources", "anon",
                            "authenticated", "service_role");
        }
    }

    @Test
    void aMissingTableIsReportedAsAMissingPrerequisiteNotACrash(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create schema hidden");
            st.execute("alter table public.ai_models set schema hidden");
        }
        try (DatabaseSession session = db.openSession()) {
            OverviewReport report = new OverviewService(session).read(ProgressListener.NONE);
            assertThat(report.models()).isNull();
            assertThat(report.missingPrerequisites()).extracting(Prerequisite::name).containsExactly("public.ai_models");
            assertThat(report.users()).isNotNull();
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("alter table hidden.ai_models set schema public");
                st.execute("drop schema hidden");
            }
        }
    }
}
