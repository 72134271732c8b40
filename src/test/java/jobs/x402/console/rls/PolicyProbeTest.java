package jobs.x402.console.rls;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live probes on the real database: the 002 pattern's matrix, the expectation suite, and that nothing persists. */
@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyProbeTest {
    static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID BOB = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final String CLAUDE = "public.x402_user_claude_configs";

    private DatabaseSession session;
    private PolicyProbe probe;

    @BeforeAll
    void setUp(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // bob already has a key: alice's probe must not see it, move onto it or delete it
            st.execute("insert into public.x402_user_claude_configs (user_id, api_key_encrypted) values ('" + BOB
                    + "', '00112233445566778899aabbccddeeff:00112233445566778899aabbccddeeff')");
            // migration 005's key table as specified, so the default suite has its table (005 itself is not here)
            st.execute("""
                    create table public.user_openrouter_integrations (
                        user_id uuid primary key references auth.users (id) on delete cascade,
                        encrypted_api_key text not null, is_valid boolean default true,
                        last_verified_at timestamptz, is_enabled boolean default true,
                        created_at timestamptz default now(), updated_at timestamptz default now());
                    alter table public.user_openrouter_integrations enable row level security;
                    create policy "Users can manage their own OpenRouter config" on public.user_openrouter_integrations
                        for all using (auth.uid() = user_id) with check (auth.uid() = user_id);
                    create policy "Service role full access on OpenRouter" on public.user_openrouter_integrations
                        for all to service_role using (true);""");
            // weakened copies: one opens every row, one forgets that WITH CHECK must pin the owner
            for (String[] weak : new String[][] {{"weak_open", "using (true) with check (true)"},
                    {"weak_check", "using (auth.uid() = user_id) with check (true)"}}) {
                st.execute("create table public." + weak[0] + " (user_id uuid primary key references auth.users (id),"
                        + " api_key_encrypted text not null)");
                st.execute("alter table public." + weak[0] + " enable row level security");
                st.execute("create policy \"weakened\" on public." + weak[0] + " for all " + weak[1]);
            }
            st.execute("create function public.probe_boom() returns boolean language plpgsql as"
                    + " $$ begin raise exception 'probe_boom exploded'; end $$");
            st.execute("create table public.boom_table (id bigint generated always as identity primary key, note text)");
            st.execute("alter table public.boom_table enable row level security");
            st.execute("create policy \"explodes\" on public.boom_table for select to authenticated"
                    + " using (public.probe_boom())");
            st.execute("create policy \"anon writes\" on public.boom_table for insert to anon with check (true)");
        }
        session = db.openSession();
        probe = new PolicyProbe(session);
    }

    @AfterAll
    void tearDown() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void theMigration002PatternGivesTheExpectedMatrix() {
        ProbeMatrix matrix = probe.probe(CLAUDE, List.of(Persona.anon(), Persona.user(ALICE), Persona.serviceRole()),
                ProgressListener.NONE);
        assertThat(matrix.ownerColumn()).isEqualTo("user_id");
        assertThat(matrix.hasProblems()).isFalse();

        PersonaProbe anon = matrix.personas().get(0);
        assertThat(anon.attempt(ProbeOperation.SELECT).orElseThrow().rows()).isZero();
        assertThat(anon.attempt(ProbeOperation.INSERT).orElseThrow().verdict()).isEqualTo(ProbeVerdict.DENIED_BY_POLICY);
        assertThat(anon.attempt(ProbeOperation.UPDATE).orElseThrow().rows()).isZero();
        assertThat(anon.attempt(ProbeOperation.DELETE).orElseThrow().rows()).isZero();
        assertThat(anon.attempt(ProbeOperation.INSERT_FOR_OTHER_USER)).isEmpty();

        PersonaProbe alice = matrix.personas().get(1);
        assertThat(alice.notes()).anyMatch(n -> n.contains("seeded a fixture row for user " + ALICE));
        ProbeAttempt select = alice.attempt(ProbeOperation.SELECT).orElseThrow();
        assertThat(select.verdict()).isEqualTo(ProbeVerdict.ALLOWED);
        assertThat(select.ownRows()).isEqualTo(1);
        assertThat(select.otherRows()).isZero();
        assertThat(alice.rowsAsOperator()).isGreaterThanOrEqualTo(2);
        assertThat(alice.attempt(ProbeOperation.INSERT).orElseThrow().verdict()).isEqualTo(ProbeVerdict.ALLOWED);
        ProbeAttempt forOther = alice.attempt(ProbeOperation.INSERT_FOR_OTHER_USER).orElseThrow();
        assertThat(forOther.verdict()).isEqualTo(ProbeVerdict.DENIED_BY_POLICY);
        assertThat(forOther.message()).contains("row-level security");
        assertThat(alice.attempt(ProbeOperation.UPDATE).orElseThrow().ownRows()).isEqualTo(1);
        assertThat(alice.attempt(ProbeOperation.UPDATE).orElseThrow().otherRows()).isZero();
        assertThat(alice.attempt(ProbeOperation.UPDATE_MOVE_TO_OTHER_USER).orElseThrow().verdict())
                .isEqualTo(ProbeVerdict.DENIED_BY_POLICY);
        assertThat(alice.attempt(ProbeOperation.DELETE).orElseThrow().rows()).isEqualTo(1);

        PersonaProbe service = matrix.personas().get(2);
        assertThat(service.attempt(ProbeOperation.SELECT).orElseThrow().rows()).isEqualTo(service.rowsAsOperator());
        assertThat(service.attempt(ProbeOperation.INSERT).orElseThrow().verdict()).isEqualTo(ProbeVerdict.ALLOWED);
        assertThat(service.attempt(ProbeOperation.DELETE).orElseThrow().rows()).isEqualTo(service.rowsAsOperator());
    }

    @Test
    void nothingPersistsAfterAProbe(TestDatabase db) throws SQLException {
        List<String> before = snapshot(db);
        for (int i = 0; i < 3; i++) {
            probe.probe(CLAUDE, List.of(Persona.anon(), Persona.user(ALICE), Persona.user(BOB), Persona.serviceRole(),
                    Persona.role("authenticated")), ProgressListener.NONE);
            new ExpectationSuite(probe).run(ExpectationSuite.keyTable(jobs.x402.console.target.SchemaVariant.SEED), null, ProgressListener.NONE);
            probe.probe("public.boom_table", probe.defaultPersonas(), ProgressListener.NONE);
        }
        assertThat(snapshot(db)).isEqualTo(before);
        // every pooled connection is back to the operator, with no claims left behind
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Connection c = session.connection();
                held.add(c);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "select current_user, coalesce(current_setting('request.jwt.claims', true), ''),"
                                + " current_setting('statement_timeout')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(session.identity().role());
                    assertThat(rs.getString(2)).isEmpty();
                    assertThat(rs.getString(3)).isEqualTo("0");
                    assertThat(c.getAutoCommit()).isTrue();
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    /** Every row of every table the probes touch, plus the live tuple counters: what a leak would change. */
    private static List<String> snapshot(TestDatabase db) throws SQLException {
        List<String> state = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String table : List.of(CLAUDE, ExpectationSuite.keyTable(jobs.x402.console.target.SchemaVariant.SEED), "public.boom_table", "auth.users")) {
                try (ResultSet rs = st.executeQuery("select count(*), coalesce(md5(string_agg(t::text, '|' order by"
                        + " t::text)), '') from " + table + " t")) {
                    rs.next();
                    state.add(table + " " + rs.getLong(1) + " " + rs.getString(2));
                }
            }
        }
        return state;
    }

    @Test
    void theExpectationSuitePassesOnTheRealPolicies() {
        ExpectationReport report = new ExpectationSuite(probe).run(ExpectationSuite.keyTable(jobs.x402.console.target.SchemaVariant.SEED), ALICE,
                ProgressListener.NONE);
        assertThat(report.expectations()).as(report.toMarkdown()).allMatch(Expectation::passed);
        assertThat(report.passed()).isTrue();
        assertThat(report.expectations()).hasSize(17);
        assertThat(report.toMarkdown()).contains("| user " + ALICE + " | cannot insert a row for another user | pass");
        ExpectationReport claude = new ExpectationSuite(probe).run(CLAUDE, BOB, ProgressListener.NONE);
        assertThat(claude.passed()).as(claude.toMarkdown()).isTrue();
    }

    @Test
    void theSuiteFailsLoudlyOnAWeakenedPolicy() {
        ExpectationReport open = new ExpectationSuite(probe).run("public.weak_open", ALICE, ProgressListener.NONE);
        assertThat(open.passed()).isFalse();
        assertThat(failed(open)).contains("anon: sees no row", "user " + ALICE + ": sees no other user's row",
                "user " + ALICE + ": cannot insert a row for another user",
                "user " + ALICE + ": cannot move their row to another user");

        ExpectationReport check = new ExpectationSuite(probe).run("public.weak_check", ALICE, ProgressListener.NONE);
        // WITH CHECK (true) lets anyone write any owner; moving a row stays denied because UPDATE with a WHERE also
        // holds the new row to the USING of the FOR ALL policy
        assertThat(failed(check)).containsExactlyInAnyOrder("anon: cannot insert",
                "user " + ALICE + ": cannot insert a row for another user");
        assertThat(check.toMarkdown()).contains("**FAIL**");
    }

    private static List<String> failed(ExpectationReport report) {
        return report.expectations().stream().filter(e -> !e.passed()).map(e -> e.persona() + ": " + e.promise())
                .toList();
    }

    @Test
    void anUnknownUserOrRoleIsExplainedAndTheOtherPersonasStillRun() {
        UUID nobody = UUID.fromString("99999999-9999-4999-8999-999999999999");
        ProbeMatrix matrix = probe.probe(CLAUDE, List.of(Persona.user(nobody), Persona.role("no_such_role_x"),
                Persona.anon()), ProgressListener.NONE);
        assertThat(matrix.hasProblems()).isTrue();
        PersonaProbe user = matrix.personas().get(0);
        assertThat(user.ran()).isFalse();
        assertThat(user.problem()).contains("No auth.users row has id " + nobody);
        assertThat(user.fix()).contains("user:" + ALICE);
        assertThat(matrix.personas().get(1).problem()).contains("Role no_such_role_x does not exist");
        assertThat(matrix.personas().get(2).ran()).isTrue();
        assertThat(matrix.personas().get(2).attempts()).isNotEmpty();
    }

    @Test
    void aMissingTableIsAUsageError() {
        assertThatThrownBy(() -> probe.probe("public.dropped_meanwhile", List.of(Persona.anon()),
                ProgressListener.NONE)).isInstanceOf(OperatorException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("rls report");
    }

    @Test
    void aPolicyThatErrorsIsReportedAndTheOtherStatementsStillRun() {
        ProbeMatrix matrix = probe.probe("public.boom_table", List.of(Persona.authenticated(), Persona.anon()),
                ProgressListener.NONE);
        PersonaProbe authenticated = matrix.personas().get(0);
        assertThat(authenticated.rowsAsOperator()).isPositive(); // a fixture row was seeded so the policy runs
        ProbeAttempt select = authenticated.attempt(ProbeOperation.SELECT).orElseThrow();
        assertThat(select.verdict()).isEqualTo(ProbeVerdict.FAILED);
        assertThat(select.message()).contains("probe_boom exploded");
        assertThat(authenticated.attempt(ProbeOperation.INSERT).orElseThrow().verdict())
                .isEqualTo(ProbeVerdict.DENIED_BY_POLICY);
        PersonaProbe anon = matrix.personas().get(1);
        assertThat(anon.attempt(ProbeOperation.INSERT).orElseThrow().verdict()).isEqualTo(ProbeVerdict.ALLOWED);
        assertThat(anon.attempt(ProbeOperation.SELECT).orElseThrow().rows()).isZero();
        assertThat(matrix.hasProblems()).isTrue();
    }
}
