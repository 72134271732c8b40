package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared steps of the migration tests: services over a session, demo keys and resource values, row snapshots. */
final class MigrationFixtures {
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String BOB = "22222222-2222-4222-8222-222222222222";
    /** Ciphertext-shaped test values; they decrypt to nothing. */
    static final String ALICE_CIPHERTEXT = "0123456789abcdef0123456789abcdef:00112233445566778899aabbccddeeff";
    static final String BOB_CIPHERTEXT = "fedcba9876543210fedcba9876543210:ffeeddccbbaa99887766554433221100";

    private MigrationFixtures() {
    }

    static MigrationService service(DatabaseSession session, Path home) {
        return new MigrationService(session, new AuditLog(home.resolve("audit.jsonl")));
    }

    static void apply(MigrationService service) {
        service.apply(jobs.x402.console.core.Confirmation.given(), LOCK_TIMEOUT, ProgressListener.NONE);
    }

    /** Tests of one class share a database: roll 005 back (without backup) when an earlier test applied it. */
    static void ensurePending(DatabaseSession session, MigrationService service, String database) {
        if (service.status().state() == MigrationState.APPLIED) {
            new MigrationRollback(session, service).rollback(new MigrationRollback.Request(null, true, jobs.x402.console.core.Confirmation.given(database),
                    LOCK_TIMEOUT), ProgressListener.NONE);
        }
    }

    /** Two keys (one disabled, verified at a microsecond timestamp), two resources with model and config. */
    static void seedData(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("insert into public.user_openrouter_integrations (user_id, encrypted_api_key, is_enabled,"
                    + " last_verified_at, created_at) values ('" + ALICE + "', '" + ALICE_CIPHERTEXT + "', true,"
                    + " '2025-03-04 05:06:07.123456+00', '2025-01-01 00:00:00.000001+00'), ('" + BOB + "', '"
                    + BOB_CIPHERTEXT + "', false, null, now())");
            st.execute("update public.x402_resources set openrouter_model_id = 'a0000000-0000-4000-8000-000000000001',"
                    + " openrouter_config = '{\"systemPrompt\":\"Write {topic}{/topic}\",\"temperature\":0.70,"
                    + "\"params\":{\"maxTokens\":1024}}' where id = 'c0000000-0000-4000-8000-000000000005'");
            st.execute("update public.x402_resources set openrouter_config = '{\"systemPrompt\":\"ünïcode ✓\"}'"
                    + " where id = 'c0000000-0000-4000-8000-000000000006'");
        }
    }

    /** Every value rollback destroys, as PostgreSQL prints it, for before/after comparison. */
    static List<String> doomedValues(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select to_jsonb(t)::text from public.user_openrouter_integrations t order by user_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select id || ' ' || coalesce(openrouter_model_id::text, '-') || ' ' || coalesce(openrouter_config::text,"
                        + " '-') from public.x402_resources where openrouter_model_id is not null"
                        + " or openrouter_config is not null order by id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean exists(Connection c, String relation) throws SQLException {
        return count(c, "select count(*) from (select to_regclass('" + relation + "') r) x where r is not null") > 0;
    }

    /** Runs 005's statements by hand, the way operators pasted it into the SQL editor. */
    static void applyByHand(Connection c, int statements) throws SQLException {
        List<String> all = MigrationChangelog.of(SchemaVariant.SEED).applyStatements();
        try (Statement st = c.createStatement()) {
            for (String sql : all.subList(0, Math.min(statements, all.size()))) {
                st.execute(sql);
            }
        }
    }
}
