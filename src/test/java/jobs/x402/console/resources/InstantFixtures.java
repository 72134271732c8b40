package jobs.x402.console.resources;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.migration.MigrationService;
import jobs.x402.console.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/** Migration 005 through its own engine, creators' keys and instant resources written as the backend would. */
public final class InstantFixtures {
    public static final String SECRET = "test-integration-secret-ünïcode";
    public static final String KEY = "sk-or-v1-" + "0123456789abcdef".repeat(4);
    public static final UUID ALICE = UUID.fromString("11111111-1111-4111-8111-111111111111");
    public static final UUID CAROL = UUID.fromString("33333333-3333-4333-8333-333333333333");
    public static final UUID BOB = UUID.fromString("22222222-2222-4222-8222-222222222222");

    private InstantFixtures() {
    }

    /** Applies 005 with the migration feature's engine and changelog. */
    public static void applyMigration(TestDatabase db) throws Exception {
        Path audit = Files.createTempFile("migration-audit", ".jsonl");
        try (DatabaseSession session = db.openSession()) {
            new MigrationService(session, new AuditLog(audit)).apply(jobs.x402.console.core.Confirmation.given(), Duration.ofSeconds(20),
                    ProgressListener.NONE);
        } finally {
            Files.deleteIfExists(audit);
        }
    }

    public static void storeKey(TestDatabase db, UUID user, String key, String secret, boolean enabled)
            throws Exception {
        String stored;
        try (Secret s = Secret.of(secret); IntegrationCipher cipher = IntegrationCipher.forSecret(s);
             Secret k = Secret.of(key)) {
            stored = cipher.encrypt(k);
        }
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(
                "insert into " + db.variant().keyTable() + " (user_id, encrypted_api_key, is_enabled) values (?, ?, ?)"
                        + " on conflict (user_id) do update set encrypted_api_key = excluded.encrypted_api_key,"
                        + " is_enabled = excluded.is_enabled, is_valid = true")) {
            st.setObject(1, user);
            st.setString(2, stored);
            st.setBoolean(3, enabled);
            st.executeUpdate();
        }
    }

    /** An instant resource as some other writer left it: the config text is stored as given. */
    public static void insertResource(TestDatabase db, String slug, String serverSlug, String modelOpenrouterId,
                                      String configJson, String parametersJson, boolean allowsUserMessage)
            throws Exception {
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement("""
                insert into x402_resources (resource_url, network, name, pay_to, normalized_url, slug, server_id,
                    registered_by, resource_type, openrouter_model_id, openrouter_config, pt_parameters,
                    pt_allows_user_message, pt_system_prompt)
                select 'https://x402.jobs/r/' || s.slug || '/' || ?, 'base', ?, '0xPAY', 'x402.jobs/r/' || s.slug
                       || '/' || ?, ?, s.id, s.registered_by, 'openrouter_instant',
                       (select id from %s where openrouter_id = ?), ?::jsonb, ?::jsonb, ?, null
                from x402_servers s where s.slug = ?""".formatted(db.variant().modelCatalog()))) {
            st.setString(1, slug);
            st.setString(2, "Fixture " + slug);
            st.setString(3, slug);
            st.setString(4, slug);
            st.setString(5, modelOpenrouterId);
            st.setString(6, configJson);
            st.setString(7, parametersJson);
            st.setBoolean(8, allowsUserMessage);
            st.setString(9, serverSlug);
            if (st.executeUpdate() != 1) {
                throw new IllegalStateException("no server " + serverSlug);
            }
        }
    }

    public static String query(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
