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
    void theOperatorIsANonSuperuserPostgresAsOnAHostedProject(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     select current_user, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
                            pg_has_role('postgres', 'anon', 'member'), pg_has_role('postgres', 'authenticated', 'member'),
                            pg_has_role('postgres', 'service_role', 'member'),
                            pg_has_role('postgres', 'supabase_auth_admin', 'member'),
                            (select rolsuper from pg_roles where rolname = 'supabase_admin'),
                            (select pg_get_userbyid(datdba) from pg_database where datname = current_database())
                     from pg_roles r where r.rolname = current_user""")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("postgres");
            assertThat(rs.getBoolean(2)).as("postgres is NOT a superuser").isFalse();
            assertThat(rs.getBoolean(3)).as("createdb").isTrue();
            assertThat(rs.getBoolean(4)).as("createrole").isTrue();
            assertThat(rs.getBoolean(5)).as("replication").isTrue();
            assertThat(rs.getBoolean(6)).as("bypassrls").isTrue();
            for (int i = 7; i <= 10; i++) {
                assertThat(rs.getBoolean(i)).as("membership " + i).isTrue();
            }
            assertThat(rs.getBoolean(11)).as("supabase_admin is the superuser").isTrue();
            assertThat(rs.getString(12)).as("postgres owns the database").isEqualTo("postgres");
        }
    }

    @Test
    void authBelongsToSupabaseAuthAdminWithRlsOnAndExtensionsLiveInTheirOwnSchema(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     select (select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'auth'),
                            (select pg_get_userbyid(relowner) from pg_class where oid = 'auth.users'::regclass),
                            (select relrowsecurity from pg_class where oid = 'auth.users'::regclass),
                            (select count(*) from pg_policy where polrelid = 'auth.users'::regclass),
                            (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
                             where e.extname = 'pgcrypto'),
                            (select pg_get_userbyid(relowner) from pg_class where oid = 'public.x402_resources'::regclass),
                            has_table_privilege('anon', 'public.x402_resources', 'select'),
                            current_setting('pgrst.db_schemas', true),
                            (select count(*) from pg_namespace where nspname = 'x402_console'),
                            (select rolconfig::text from pg_roles where rolname = 'anon'),
                            (select rolinherit from pg_roles where rolname = 'authenticated'),
                            (select rolcanlogin from pg_roles where rolname = 'authenticator')""")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("supabase_auth_admin");
            assertThat(rs.getString(2)).isEqualTo("supabase_auth_admin");
            assertThat(rs.getBoolean(3)).as("auth.users has RLS on").isTrue();
            assertThat(rs.getInt(4)).as("and no policies").isZero();
            assertThat(rs.getString(5)).isEqualTo("extensions");
            assertThat(rs.getString(6)).as("x402.jobs' tables belong to the operator").isEqualTo("postgres");
            assertThat(rs.getBoolean(7)).as("default privileges reach the API roles").isTrue();
            assertThat(rs.getString(8)).isEqualTo("public, graphql_public");
            assertThat(rs.getInt(9)).as("none of the console's own footprint").isZero();
            assertThat(rs.getString(10)).contains("statement_timeout=3s");
            assertThat(rs.getBoolean(11)).as("API roles inherit since 2023").isTrue();
            assertThat(rs.getBoolean(12)).isTrue();
        }
    }

    @Test
    void tablesTheOperatorCreatesReachTheApiRolesAtOnce(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("create table public.fresh_table (id int primary key)");
            try (ResultSet rs = st.executeQuery("select has_table_privilege('anon', 'public.fresh_table', 'select'),"
                    + " has_table_privilege('authenticated', 'public.fresh_table', 'delete')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getBoolean(2)).isTrue();
            }
            c.rollback();
        }
    }

    @Test
    void theBaselineRefusesToRunAsANonSuperuserOrAsPostgres(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> SandboxBaseline.installRoles(c)).hasMessageContaining("needs a superuser")
                    .hasMessageContaining("postgres is not one");
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
        try (Connection c = db.connectAsAdmin()) {
            assertThatThrownBy(() -> SandboxBaseline.installOnOperatorRequest(c, "some_other_db", false))
                    .hasMessageContaining("some_other_db").hasMessageContaining(db.name());
            assertThatThrownBy(() -> SandboxBaseline.installOnOperatorRequest(c, db.name(), false))
                    .hasMessageContaining("already holds");
            assertThat(SandboxBaseline.isInstalled(c)).isTrue();
        }
    }
}
