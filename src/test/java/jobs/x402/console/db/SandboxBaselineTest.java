package jobs.x402.console.db;

import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class SandboxBaselineTest {

    @Test
    void baselineHasSupabaseRolesWithTheirAttributes(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select rolname, rolcanlogin, rolbypassrls from pg_roles"
                     + " where rolname in ('anon','authenticated','service_role') order by rolname")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("anon");
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getBoolean(3)).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("authenticated");
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("service_role");
            assertThat(rs.getBoolean(3)).as("service_role bypasses RLS").isTrue();
        }
    }

    @Test
    void authFunctionsReadTheJwtClaimsLikeSupabase(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("select set_config('request.jwt.claims',"
                    + " '{\"sub\":\"11111111-1111-1111-1111-111111111111\",\"role\":\"authenticated\","
                    + "\"email\":\"alice@example.com\"}', true)");
            try (ResultSet rs = st.executeQuery("select auth.uid(), auth.role(), auth.jwt()->>'email'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("11111111-1111-1111-1111-111111111111");
                assertThat(rs.getString(2)).isEqualTo("authenticated");
                assertThat(rs.getString(3)).isEqualTo("alice@example.com");
            }
            c.rollback();
            try (ResultSet rs = st.executeQuery("select auth.uid() is null")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("no claims, no user").isTrue();
            }
        }
    }

    @Test
    void resourcesTableHasTheFiveTypeCheckFromBeforeMigration005(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select pg_get_constraintdef(oid) from pg_constraint"
                    + " where conname = 'x402_resources_resource_type_check'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("prompt_template").doesNotContain("openrouter_instant");
            }
            try (ResultSet rs = st.executeQuery("select relrowsecurity from pg_class"
                    + " where oid = 'public.x402_resources'::regclass")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("RLS enabled as on the live table").isTrue();
            }
            assertThatThrownBy(() -> st.execute("insert into x402_resources (resource_url, network, name, pay_to,"
                    + " normalized_url, resource_type) values ('https://x', 'base', 'n', 'p', 'x', 'openrouter_instant')"))
                    .hasMessageContaining("x402_resources_resource_type_check");
        }
    }

    @Test
    void demoDataCoversSeveralTypesAndModalities(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from auth.users),"
                     + " (select count(distinct modality) from ai_models),"
                     + " (select count(distinct resource_type) from x402_resources),"
                     + " (select count(*) from x402_servers)")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(5);
            assertThat(rs.getInt(2)).as("text and image models").isGreaterThanOrEqualTo(2);
            assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(4);
            assertThat(rs.getInt(4)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void baselineIsRefusedOnANonEmptyDatabaseAndOnAMismatchedConfirmation(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> SandboxBaseline.installOnOperatorRequest(c, "some_other_db", false))
                    .hasMessageContaining("--confirm " + db.name());
            assertThatThrownBy(() -> SandboxBaseline.installOnOperatorRequest(c, db.name(), false))
                    .hasMessageContaining("already holds");
            assertThat(SandboxBaseline.isInstalled(c)).isTrue();
        }
    }
}
