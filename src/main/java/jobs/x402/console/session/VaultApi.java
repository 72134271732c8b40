package jobs.x402.console.session;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.core.Secret;
import jobs.x402.console.vault.SecretVault;
import jobs.x402.console.vault.UnlockedVault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The local vault of one console home (Argon2id + AES-256-GCM, file 0600): it keeps the integration secret so an
 * operator types one passphrase instead of exporting the secret. Create, check a passphrase, see what it holds, change
 * the passphrase; every change is recorded in the audit log, never with a secret.
 */
public final class VaultApi {
    private final ConsoleEnvironment environment;
    private final SecretVault vault;

    private VaultApi(ConsoleEnvironment environment) {
        this.environment = environment;
        this.vault = SecretVault.in(environment.home());
    }

    public static VaultApi of(ConsoleEnvironment environment) {
        return new VaultApi(environment);
    }

    /**
     * What can be told without the passphrase, and, after an unlock, what it holds.
     *
     * @param holdsIntegrationSecret null when the vault was not opened
     */
    public record VaultStatus(Path file, boolean exists, Instant lastWritten, Boolean holdsIntegrationSecret) {
    }

    public VaultStatus status() {
        return new VaultStatus(vault.file(), vault.exists(), lastWritten(), null);
    }

    /** Opens the vault with the passphrase (wrong one: exit 3, authentication failed) and tells what it holds. */
    public VaultStatus unlock(Secret passphrase) {
        try (UnlockedVault open = vault.unlock(passphrase)) {
            boolean holds;
            try (Secret held = open.integrationSecret().orElse(null)) {
                holds = held != null;
            }
            return new VaultStatus(vault.file(), true, lastWritten(), holds);
        }
    }

    /** Creates the vault holding the integration secret; refuses when one exists. */
    public VaultStatus create(Secret passphrase, Secret repeated, Secret integrationSecret) {
        requireSame(passphrase, repeated);
        if (integrationSecret == null || integrationSecret.isEmpty()) {
            throw OperatorException.usage("A vault without the integration secret holds nothing. Nothing was created",
                    "give the integration secret to keep").withAction(RemedyAction.SET_SECRET_SOURCE);
        }
        try (UnlockedVault open = vault.create(passphrase)) {
            open.putIntegrationSecret(integrationSecret);
            open.save();
        }
        record("vault.create");
        return new VaultStatus(vault.file(), true, lastWritten(), true);
    }

    /** Replaces the integration secret the vault keeps (after a rotation, say). */
    public VaultStatus storeIntegrationSecret(Secret passphrase, Secret integrationSecret) {
        if (integrationSecret == null || integrationSecret.isEmpty()) {
            throw OperatorException.usage("The integration secret to keep is empty. Nothing was changed",
                    "give the integration secret to keep").withAction(RemedyAction.SET_SECRET_SOURCE);
        }
        try (UnlockedVault open = vault.unlock(passphrase)) {
            open.putIntegrationSecret(integrationSecret);
            open.save();
        }
        record("vault.store-integration-secret");
        return new VaultStatus(vault.file(), true, lastWritten(), true);
    }

    public VaultStatus changePassphrase(Secret current, Secret next, Secret repeated) {
        requireSame(next, repeated);
        try (UnlockedVault open = vault.unlock(current)) {
            open.changePassphrase(next);
        }
        record("vault.change-passphrase");
        return status();
    }

    private static void requireSame(Secret passphrase, Secret repeated) {
        if (repeated != null && !passphrase.sameAs(repeated)) {
            throw OperatorException.usage("The two passphrases differ. Nothing was changed",
                    "type the same passphrase twice");
        }
    }

    private Instant lastWritten() {
        try {
            return vault.exists() ? Files.getLastModifiedTime(vault.file()).toInstant() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void record(String action) {
        environment.auditLog().append(System.getProperty("user.name"), "local vault", action,
                vault.file().toString(), "ok", Map.of());
    }
}
