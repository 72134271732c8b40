package jobs.x402.console.rls;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each lint fires on a deliberately bad object in a real database and stays quiet on a good one. */
@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RlsLinterDatabaseTest {
    private DatabaseSession session;
    private TestDatabase db;

    @BeforeAll
    void setUp(TestDatabase db) throws SQLException {
        this.db = db;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    -- the good table: every lint must leave it alone
                    create table public.lint_good (id bigint generated always as identity primary key,
                        user_id uuid not null references auth.users (id), note text);
                    create index on public.lint_good (user_id);
                    alter table public.lint_good enable row level security;
                    create policy "own rows" on public.lint_good for select to authenticated
                        using ((select auth.uid()) = user_id);
                    create policy "own inserts" on public.lint_good for insert to authenticated
                        with check ((select auth.uid()) = user_id);
                    create policy "narrowing" on public.lint_good as restrictive for select to authenticated
                        using (note is distinct from 'hidden');
                    create policy "public read" on public.lint_good for select to anon using (true);

                    create table public.lint_policy_no_rls (id int primary key, user_id uuid);
                    create policy "owner" on public.lint_policy_no_rls using ((select auth.uid()) = user_id);

                    create table public.lint_no_rls (id int primary key, note text);
                    create schema private;
                    create table private.lint_hidden (id int primary key, note text);

                    create table public.lint_rls_no_policy (id int primary key);
                    alter table public.lint_rls_no_policy enable row level security;

                    create table public.lint_initplan (id int primary key, user_id uuid, claims jsonb);
                    alter table public.lint_initplan enable row level security;
                    create policy "direct uid" on public.lint_initplan for select to authenticated
                        using (auth.uid() = user_id);
                    create policy "direct setting" on public.lint_initplan for update to authenticated
                        using ((current_setting('request.jwt.claims', true)::jsonb ->> 'sub') = user_id::text);

                    create table public.lint_multi (id int primary key, user_id uuid, shared boolean);
                    alter table public.lint_multi enable row level security;
                    create policy "mine" on public.lint_multi for select to authenticated
                        using ((select auth.uid()) = user_id);
                    create policy "shared" on public.lint_multi for select to authenticated using (shared);

                    create function public.lint_fn_mutable() returns int language sql as $$ select 1 $$;
                    create function public.lint_fn_fixed() returns int language sql set search_path = ''
                        as $$ select 1 $$;

                    create table public.lint_always_true (id int primary key, user_id uuid);
                    alter table public.lint_always_true enable row level security;
                    create policy "anyone updates" on public.lint_always_true for update to authenticated
                        using (true);
                    create policy "anyone inserts" on public.lint_always_true for insert to anon;

                    create table public.lint_metadata (id int primary key);
                    alter table public.lint_metadata enable row level security;
                    create policy "admins by metadata" on public.lint_metadata for select to authenticated
                        using (((select auth.jwt()) -> 'user_metadata' ->> 'role') = 'admin');

                    create view public.lint_definer_view as select id, note from public.lint_good;
                    create view public.lint_invoker_view with (security_invoker = on) as
                        select id, note from public.lint_good;

                    create table public.lint_secrets_open (id int primary key, password text);

                    create table public.lint_fk_parent (id int primary key);
                    create table public.lint_fk_child (id int primary key,
                        parent_id int references public.lint_fk_parent (id));

                    create table public.lint_secret_unforced (user_id uuid primary key references auth.users (id),
                        api_key_encrypted text not null);
                    alter table public.lint_secret_unforced enable row level security;
                    create policy "own key" on public.lint_secret_unforced for select to authenticated
                        using ((select auth.uid()) = user_id);

                    create table public.lint_secret_forced (user_id uuid primary key references auth.users (id),
                        encrypted_api_key text not null);
                    alter table public.lint_secret_forced enable row level security;
                    alter table public.lint_secret_forced force row level security;
                    revoke all on public.lint_secret_forced from anon, authenticated;
                    create policy "own key" on public.lint_secret_forced for select to authenticated
                        using ((select auth.uid()) = user_id);

                    create table public.lint_bypass_policy (id int primary key);
                    alter table public.lint_bypass_policy enable row level security;
                    create policy "service only" on public.lint_bypass_policy for all to service_role using (true);
                    """);
        }
        session = db.openSession();
    }

    @AfterAll
    void tearDown() {
        if (session != null) {
            session.close();
        }
    }

    private List<LintFinding> lint() {
        RlsCatalog catalog = new RlsCatalogReader(session, List.of()).read(ProgressListener.NONE);
        assertThat(catalog.warnings()).isEmpty();
        return new RlsLinter().lint(catalog);
    }

    @ParameterizedTest(name = "{0} fires: {1}")
    @CsvSource(delimiter = '|', value = {
            "policy_exists_rls_disabled | policy_exists_rls_disabled_public_lint_policy_no_rls",
            "rls_disabled_in_public | rls_disabled_in_public_public_lint_no_rls",
            "rls_enabled_no_policy | rls_enabled_no_policy_public_lint_rls_no_policy",
            "auth_rls_initplan | auth_rls_init_plan_public_lint_initplan_direct uid",
            "auth_rls_initplan | auth_rls_init_plan_public_lint_initplan_direct setting",
            "multiple_permissive_policies | multiple_permissive_policies_public_lint_multi_authenticated_SELECT",
            "function_search_path_mutable | function_search_path_mutable_public_lint_fn_mutable_6ebceba1516d1b8c52d508dc3039fc26",
            "rls_policy_always_true | rls_policy_always_true_public_lint_always_true_anyone updates",
            "rls_policy_always_true | rls_policy_always_true_public_lint_always_true_anyone inserts",
            "rls_references_user_metadata | rls_references_user_metadata_public_lint_metadata_admins by metadata",
            "security_definer_view | security_definer_view_public_lint_definer_view",
            "sensitive_columns_exposed | sensitive_columns_exposed_public_lint_secrets_open",
            "unindexed_foreign_keys | unindexed_foreign_keys_public_lint_fk_child_lint_fk_child_parent_id_fkey",
            "rls_not_forced_on_secret_table | rls_not_forced_on_secret_table_public_lint_secret_unforced",
            "policy_for_bypassrls_role | policy_for_bypassrls_role_public_lint_bypass_policy_service only",
            "secret_columns_granted_to_api_roles | secret_columns_granted_to_api_roles_public_lint_secret_unforced"})
    void eachLintFiresOnItsBadObject(String id, String key) {
        List<LintFinding> findings = lint();
        assertThat(findings).as(id).anySatisfy(f -> {
            assertThat(f.key()).isEqualTo(key);
            assertThat(f.rule().id()).isEqualTo(id);
            assertThat(f.level()).isEqualTo(LintRule.byId(id).level());
            assertThat(f.why()).isNotBlank();
            assertThat(f.detail()).isNotBlank();
            assertThat(f.remediationSql()).isNotBlank();
        });
    }

    @Test
    void goodObjectsStayQuiet() {
        // a fresh index has never been scanned, so unused_index fires on every one of them (splinter's reading too)
        List<LintFinding> findings = lint().stream().filter(f -> f.rule() != LintRule.UNUSED_INDEX).toList();
        assertThat(findings).noneMatch(f -> f.object().contains("lint_good")
                || f.object().contains("lint_invoker_view") || f.object().contains("lint_fn_fixed")
                || f.object().contains("lint_secret_forced") || f.object().contains("lint_hidden"));
        // SELECT USING (true) for anon is deliberately not "always true" (public read is a pattern)
        assertThat(findings).noneMatch(f -> f.key().contains("public read"));
        // restrictive policies do not count as another permissive one
        assertThat(findings).noneMatch(f -> f.rule() == LintRule.MULTIPLE_PERMISSIVE_POLICIES
                && f.object().contains("lint_good"));
    }

    @Test
    void theMigration002PatternShowsWhatMigration005WouldShow() {
        List<String> keys = lint().stream().map(LintFinding::key).toList();
        assertThat(keys).contains(
                "auth_rls_init_plan_public_x402_user_claude_configs_Users can manage their own Claude config",
                "policy_for_bypassrls_role_public_x402_user_claude_configs_Service role full access",
                "rls_not_forced_on_secret_table_public_x402_user_claude_configs",
                "secret_columns_granted_to_api_roles_public_x402_user_claude_configs",
                "function_search_path_mutable_public_update_claude_config_updated_at_e48740bd35e2a9e17c5e8ae049421527",
                "rls_enabled_no_policy_public_x402_resources",
                "rls_disabled_in_public_public_ai_models",
                "unindexed_foreign_keys_public_x402_servers_x402_servers_registered_by_fkey");
        // the service-role policy is USING (true) but not for anon/authenticated: splinter does not flag it
        assertThat(keys).noneMatch(k -> k.startsWith("rls_policy_always_true_public_x402_user_claude_configs"));
        assertThat(keys).noneMatch(k -> k.startsWith("multiple_permissive_policies_public_x402_user_claude_configs"));
    }

    @Test
    void theRemediationSqlRunsAndClearsTheFinding() throws SQLException {
        List<LintRule> fixable = List.of(LintRule.POLICY_EXISTS_RLS_DISABLED, LintRule.AUTH_RLS_INITPLAN,
                LintRule.FUNCTION_SEARCH_PATH_MUTABLE, LintRule.SECURITY_DEFINER_VIEW, LintRule.UNINDEXED_FOREIGN_KEYS,
                LintRule.RLS_NOT_FORCED_ON_SECRET_TABLE, LintRule.POLICY_FOR_BYPASSRLS_ROLE,
                LintRule.SECRET_COLUMNS_GRANTED_TO_API_ROLES, LintRule.RLS_REFERENCES_USER_METADATA);
        List<LintFinding> before = lint().stream().filter(f -> fixable.contains(f.rule()))
                .filter(f -> f.object().contains("lint_")).toList();
        assertThat(before).extracting(LintFinding::rule).containsAll(fixable);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (LintFinding f : before) {
                st.execute(f.remediationSql());
            }
        }
        List<String> after = lint().stream().map(LintFinding::key).toList();
        assertThat(after).doesNotContainAnyElementsOf(before.stream().map(LintFinding::key).toList());
    }
}
