package jobs.x402.console.keys;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The one read a test-run needs of the OpenRouter key table (its name from the schema variant): the creator's key, refused as the backend refuses
 * it (no row, or not enabled; {@code is_valid} is ignored, as there) and decrypted with the loaded secret; and the
 * operator's "mark invalid" after a 401 from a test-run.
 */
public final class CreatorKeyReader {
    private final DatabaseSession session;

    public CreatorKeyReader(DatabaseSession session) {
        this.session = session;
    }

    /** The creator's decrypted key; the caller clears it. Never logged, never in a message. */
    public Secret enabledKey(UUID creatorId, IntegrationSecretSource secretSource) {
        if (!hasKeyTable()) {
            throw OperatorException.refused("Migration 005 is not applied on " + session.identity().bannerLine()
                    + ": there is no " + session.schemaVariant().keyTable() + " table", "apply migration 005 first")
                    .withAction(jobs.x402.console.core.RemedyAction.APPLY_MIGRATION);
        }
        if (creatorId == null) {
            throw OperatorException.usage("The resource's server has no registered_by, so there is no creator whose"
                    + " key could run it", "set x402_servers.registered_by for the server");
        }
        String stored;
        boolean enabled;
        try (Connection c = session.connection(); PreparedStatement st = c.prepareStatement(
                "select encrypted_api_key, coalesce(is_enabled, false) from " + session.schemaVariant().qualifiedKeyTable()
                        + " where user_id = ?")) {
            st.setObject(1, creatorId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw OperatorException.usage("Creator " + creatorId + " has no OpenRouter key",
                            "store an OpenRouter key for the creator")
                            .withAction(jobs.x402.console.core.RemedyAction.SET_KEY, "user", creatorId.toString());
                }
                stored = rs.getString(1);
                enabled = rs.getBoolean(2);
            }
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the creator's key failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may read " + session.schemaVariant().keyTable(), e);
        }
        if (!enabled) {
            throw OperatorException.usage("The OpenRouter key of creator " + creatorId + " is disabled; the backend "
                    + "refuses to run the resource", "enable the creator's key")
                    .withAction(jobs.x402.console.core.RemedyAction.ENABLE_KEY, "user", creatorId.toString());
        }
        try (Secret secret = secretSource.load(); IntegrationCipher cipher = IntegrationCipher.forSecret(secret)) {
            DecryptOutcome outcome = cipher.decrypt(stored);
            if (!outcome.isOk()) {
                outcome.close();
                throw new OperatorException(ExitCode.FAILURE, "The OpenRouter key of creator " + creatorId
                        + " cannot be decrypted with the secret from " + secretSource.description() + ": "
                        + outcome.message(),
                        "load the secret the backend uses, or store the creator's key again")
                        .withAction(jobs.x402.console.core.RemedyAction.SET_KEY, "user", creatorId.toString());
            }
            return outcome.plaintext();
        }
    }

    private boolean hasKeyTable() {
        try (Connection c = session.connection(); PreparedStatement st = c.prepareStatement(
                "select to_regclass('" + session.schemaVariant().qualifiedKeyTable() + "') is not null");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the catalog failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may read pg_catalog", e);
        }
    }

    /** After a 401: records that the key does not work ({@code is_valid = false}), as the operator asked. */
    public void markInvalid(UUID creatorId, AuditLog audit) {
        try (Connection c = session.connection(); PreparedStatement st = c.prepareStatement(
                "update " + session.schemaVariant().qualifiedKeyTable() + " set is_valid = false, last_verified_at = now()"
                        + " where user_id = ?")) {
            st.setObject(1, creatorId);
            int rows = st.executeUpdate();
            if (rows == 0) {
                throw OperatorException.usage("Creator " + creatorId + " has no key to mark", "");
            }
        } catch (SQLException e) {
            throw OperatorException.failure("Marking the key invalid failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may update " + session.schemaVariant().keyTable(), e);
        }
        if (audit != null) {
            audit.append(session.identity().role(), session.identity().bannerLine(), "keys.mark-invalid",
                    creatorId.toString(), "is_valid = false", Map.of("reason", "OpenRouter answered 401 to a test-run"));
        }
    }
}
