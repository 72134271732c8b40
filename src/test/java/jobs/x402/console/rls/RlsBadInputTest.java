package jobs.x402.console.rls;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator role that is not a member of the API roles and may not read pg_policy: the probe names the missing
 * GRANT, the report still lists the tables and says what it could not read.
 */
@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RlsBadInputTest {
    private static final String OPERATOR = "x402_rls_plain_operator";
    private static final String PASSWORD = "Plain-Operator-Password-31";

    @BeforeAll
    void setUp(TestDatabase db) throws SQLException {
        Assumptions.assumeFalse(TestPostgres.get().isExternal(), "needs a login role the embedded server checks");
        // revoking a catalog privilege takes the superuser, which a hosted project's operator is not
        try (Connection c = db.connectAsAdmin(); Statement st = c.createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + OPERATOR + "') then"
                    + " create role " + OPERATOR + " login password '" + PASSWORD + "'; end if; end $$");
            st.execute("grant usage on schema public, auth to " + OPERATOR);
            st.execute("grant select on all tables in schema public to " + OPERATOR);
            // this database only: the plain operator may not read the policies
            st.execute("revoke select on pg_catalog.pg_policy from public");
        }
    }

    private DatabaseSession openAsPlainOperator(TestDatabase db) {
        ConnectionTarget admin = db.target();
        ConnectionTarget plain = new ConnectionTarget(admin.profile().withUser(OPERATOR), admin.kind(),
                Secret.of(PASSWORD));
        return jobs.x402.console.db.DatabaseSession.open(plain, ConsoleSession.entityClasses(), ProgressListener.NONE);
    }

    @Test
    void aRoleThatCannotSwitchIsToldWhichGrantIsMissing(TestDatabase db) {
        try (DatabaseSession session = openAsPlainOperator(db)) {
            ProbeMatrix matrix = new PolicyProbe(session).probe("public.x402_user_claude_configs",
                    List.of(Persona.anon(), Persona.serviceRole()), ProgressListener.NONE);
            assertThat(matrix.hasProblems()).isTrue();
            for (PersonaProbe p : matrix.personas()) {
                assertThat(p.ran()).isFalse();
                assertThat(p.problem()).contains(OPERATOR).contains("cannot switch to " + p.persona().role());
                assertThat(p.fix()).contains("GRANT " + p.persona().role() + " TO " + OPERATOR);
            }
        }
    }

    @Test
    void aRoleWithoutCatalogPrivilegesStillGetsTheRestOfTheReport(TestDatabase db) {
        try (DatabaseSession session = openAsPlainOperator(db)) {
            RlsCatalog catalog = new RlsCatalogReader(session, List.of()).read(ProgressListener.NONE);
            assertThat(catalog.readable(CatalogSection.POLICIES)).isFalse();
            assertThat(catalog.warnings()).anyMatch(w -> w.contains("pg_policy") && w.contains("permission denied"));
            assertThat(catalog.table("x402_user_claude_configs")).hasValueSatisfying(t -> {
                assertThat(t.rlsEnabled()).isTrue();
                assertThat(t.granted("authenticated", "SELECT")).isTrue();
            });
            // lints that need the policies are not run rather than reporting "no policy" everywhere
            List<LintFinding> findings = new RlsLinter().lint(catalog);
            assertThat(findings).noneMatch(f -> f.rule() == LintRule.RLS_ENABLED_NO_POLICY);
            assertThat(findings).anyMatch(f -> f.rule() == LintRule.RLS_DISABLED_IN_PUBLIC);
        }
    }
}
