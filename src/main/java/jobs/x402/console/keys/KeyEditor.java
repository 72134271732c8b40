package jobs.x402.console.keys;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.users.AuthUser;

import java.nio.CharBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes one user's OpenRouter key: set or replace, enable, disable, delete, and reveal. Each action is audited with
 * the user id and the result, never the key.
 */
public final class KeyEditor {
    // enough existing rows to tell "this secret is the backend's" from "this secret decrypts nothing"
    private static final int SECRET_PROBE_ROWS = 20;

    private final DatabaseSession session;
    private final KeyAudit audit;

    public KeyEditor(DatabaseSession session, KeyAudit audit) {
        this.session = session;
        this.audit = audit;
    }

    /** What {@link #set} did. */
    public record SetResult(UUID userId, boolean replaced, String maskedKey, boolean verified) {
    }

    /**
     * Encrypts {@code key} and upserts it for the user, as the backend saves keys (on conflict user_id).
     *
     * @param verdict the result of verifying the key before saving, or null when it was not verified
     * @param force   save a text that does not look like an OpenRouter key, a key OpenRouter called invalid, or
     *                under a secret that decrypts none of the existing keys
     */
    public SetResult set(UUID userId, Secret key, IntegrationCipher cipher, KeyVerdict verdict, boolean force) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        char[] chars = key.chars();
        try {
            Optional<String> mismatch = OpenRouterKeyShape.mismatch(CharBuffer.wrap(chars));
            if (mismatch.isPresent() && !force) {
                audit.record("set", userId, "refused: not an OpenRouter key");
                throw OperatorException.usage("That is not an OpenRouter key: " + mismatch.get(),
                        "paste the key as OpenRouter shows it (sk-or-v1-…), or force it if you are sure");
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
        if (verdict == KeyVerdict.INVALID && !force) {
            audit.record("set", userId, "refused: OpenRouter says the key is invalid");
            throw OperatorException.refused("OpenRouter rejected this key (401): it would not work for the user",
                    "check the key on openrouter.ai/keys, or force saving it anyway");
        }
        requireUser(userId);
        String stored = cipher.encrypt(key);
        try (DecryptOutcome check = cipher.decrypt(stored, PlaintextShape.ANY_TEXT)) {
            if (!check.isOk() || !sameChars(check.plaintext(), key)) {
                throw new IllegalStateException("an encrypted value did not decrypt to what was encrypted");
            }
        }
        boolean verified = verdict != null && verdict.recordsVerification();
        try (Connection connection = session.connection()) {
            if (!force) {
                requireSecretFits(connection, userId, cipher);
            }
            boolean inserted;
            try (PreparedStatement st = connection.prepareStatement("""
                    insert into %s
                        (user_id, encrypted_api_key, is_valid, last_verified_at)
                    values (?, ?, ?, ?)
                    on conflict (user_id) do update set encrypted_api_key = excluded.encrypted_api_key,
                        is_valid = excluded.is_valid, last_verified_at = excluded.last_verified_at
                    returning (xmax = 0)""".formatted(session.schemaVariant().qualifiedKeyTable()))) {
                st.setObject(1, userId);
                st.setString(2, stored);
                // a new key is valid until OpenRouter says otherwise, as the backend assumes
                st.setBoolean(3, verdict == null || verdict.keyIsValid());
                st.setTimestamp(4, verified ? Timestamp.from(Instant.now()) : null);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    inserted = rs.getBoolean(1);
                }
            }
            String masked;
            masked = OpenRouterKeyShape.mask(key);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("replaced", !inserted);
            details.put("verified", verdict == null ? "no" : verdict.name().toLowerCase(java.util.Locale.ROOT));
            details.put("forced", force);
            audit.record("set", userId, "ok", details);
            return new SetResult(userId, !inserted, masked, verified);
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                audit.record("set", userId, "failed: no such user");
                throw KeyFailures.noSuchUser(userId);
            }
            audit.record("set", userId, "failed: SQL state " + e.getSQLState());
            throw KeyFailures.database("saving the key of user " + userId, session, e);
        }
    }

    /** Whether the user has a key now: a confirmation then says "replaced" only when something is. */
    public boolean hasKey(UUID userId) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        return session.sessionFactory().fromStatelessTransaction(s ->
                s.get(OpenRouterIntegration.class, userId)) != null;
    }

    public void enable(UUID userId) {
        setEnabled(userId, true);
    }

    public void disable(UUID userId) {
        setEnabled(userId, false);
    }

    private void setEnabled(UUID userId, boolean enabled) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        String action = enabled ? "enable" : "disable";
        int changed = session.inTransaction(s -> s.createMutationQuery(
                        "update OpenRouterIntegration i set i.enabled = :enabled where i.userId = :user")
                .setParameter("enabled", enabled).setParameter("user", userId).executeUpdate());
        if (changed == 0) {
            audit.record(action, userId, "failed: no key");
            throw KeyFailures.noKeyFor(userId);
        }
        audit.record(action, userId, "ok");
    }

    public void delete(UUID userId) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        int deleted = session.inTransaction(s -> s.createMutationQuery(
                "delete from OpenRouterIntegration i where i.userId = :user").setParameter("user", userId)
                .executeUpdate());
        if (deleted == 0) {
            audit.record("delete", userId, "failed: no key");
            throw KeyFailures.noKeyFor(userId);
        }
        audit.record("delete", userId, "ok");
    }

    /** The decrypted key, audited; the caller shows it briefly and clears it. */
    public Secret reveal(UUID userId, IntegrationCipher cipher) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        OpenRouterIntegration row = session.sessionFactory().fromStatelessTransaction(s ->
                s.get(OpenRouterIntegration.class, userId));
        if (row == null) {
            audit.record("reveal", userId, "failed: no key");
            throw KeyFailures.noKeyFor(userId);
        }
        DecryptOutcome outcome = cipher.decrypt(row.getEncryptedApiKey());
        if (!outcome.isOk()) {
            audit.record("reveal", userId, "failed: " + outcome.status().name());
            throw OperatorException.failure("The key of user " + userId + " cannot be revealed: " + outcome.message(),
                    outcome.status().category() == DecryptStatus.Category.WRONG_SECRET
                            ? "load the secret the backend uses" : "set a new key for this user", null);
        }
        audit.record("reveal", userId, "ok");
        return outcome.plaintext();
    }

    /** The user ids and emails of auth.users whose id or email matches, for picking whom to set a key for. */
    public java.util.List<Map.Entry<UUID, String>> findUsers(String search, int limit) {
        String pattern = "%" + (search == null ? "" : search.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
        return session.sessionFactory().fromStatelessTransaction(s -> s.createSelectionQuery(
                        "select u.id, u.email from AuthUser u where lower(u.email) like :p"
                                + " or cast(u.id as String) like :p order by u.email", Object[].class)
                .setParameter("p", pattern).setMaxResults(limit).getResultList().stream()
                .map(r -> Map.entry((UUID) r[0], r[1] == null ? "" : (String) r[1])).toList());
    }

    private void requireUser(UUID userId) {
        AuthUser user = session.sessionFactory().fromStatelessTransaction(s -> s.get(AuthUser.class, userId));
        if (user == null) {
            audit.record("set", userId, "failed: no such user");
            throw KeyFailures.noSuchUser(userId);
        }
    }

    /** Refuses a secret under which none of the existing keys decrypt: keys saved with it would be unreadable. */
    private void requireSecretFits(Connection connection, UUID userId, IntegrationCipher cipher) throws SQLException {
        int tried = 0;
        int decrypted = 0;
        try (PreparedStatement st = connection.prepareStatement("select encrypted_api_key from"
                + " " + session.schemaVariant().qualifiedKeyTable() + " where user_id <> ? limit " + SECRET_PROBE_ROWS)) {
            st.setObject(1, userId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    try (DecryptOutcome outcome = cipher.decrypt(rs.getString(1))) {
                        tried++;
                        decrypted += outcome.isOk() ? 1 : 0;
                    }
                }
            }
        }
        if (tried > 0 && decrypted == 0) {
            audit.record("set", userId, "refused: secret decrypts none of the existing keys");
            throw new OperatorException(ExitCode.REFUSED, "The loaded secret decrypts none of the " + tried
                    + " existing keys it was tried on: it is probably not the backend's secret, and the backend could"
                    + " not read a key saved with it", "load the secret the backend uses, or force it");
        }
    }

    private static boolean sameChars(Secret a, Secret b) {
        char[] x = a.chars();
        char[] y = b.chars();
        try {
            return Arrays.equals(x, y);
        } finally {
            Arrays.fill(x, '\0');
            Arrays.fill(y, '\0');
        }
    }
}
