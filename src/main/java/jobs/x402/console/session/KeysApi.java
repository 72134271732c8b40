package jobs.x402.console.session;

import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.core.Secret;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.HealthReport;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.keys.KeyAudit;
import jobs.x402.console.keys.KeyEditor;
import jobs.x402.console.keys.KeyHealthScan;
import jobs.x402.console.keys.KeyListing;
import jobs.x402.console.keys.KeyPage;
import jobs.x402.console.keys.KeyQuery;
import jobs.x402.console.keys.KeyVerdict;
import jobs.x402.console.keys.KeyVerifier;
import jobs.x402.console.keys.RotationPlan;
import jobs.x402.console.keys.RotationReport;
import jobs.x402.console.keys.SecretRotation;
import jobs.x402.console.keys.VerificationResult;
import jobs.x402.console.keys.VerifyAllReport;
import jobs.x402.console.vault.SecretVault;
import jobs.x402.console.vault.UnlockedVault;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The encrypted OpenRouter keys of the session's target. A face loads the integration secret into a cipher through
 * here (from a variable, typed, or the vault), holds it, and passes it back for each call; the cipher keeps only the
 * derived key and is closed by the face when the operator forgets the secret.
 */
public final class KeysApi {
    public static final int PAGE_SIZE = KeyListing.DEFAULT_PAGE_SIZE;
    public static final int DEFAULT_VERIFY_CONCURRENCY = KeyVerifier.DEFAULT_CONCURRENCY;
    public static final int MAX_VERIFY_CONCURRENCY = KeyVerifier.MAX_CONCURRENCY;
    public static final String DEFAULT_SECRET_VARIABLE = IntegrationSecretSource.DEFAULT_VARIABLE;

    private final ConsoleSession session;

    KeysApi(ConsoleSession session) {
        this.session = session;
    }

    // ------------------------------------------------------------------ the secret

    /** A loaded secret and where it came from, for the face's status line. */
    public record LoadedSecret(IntegrationCipher cipher, String source) implements AutoCloseable {
        @Override
        public void close() {
            cipher.close();
        }
    }

    /**
     * The secret from an environment variable (null or blank: the backend's default variable). Static, like the
     * other loaders, so a face reads the secret before it connects and a missing one costs no connection.
     */
    public static LoadedSecret secretFromVariable(ConsoleEnvironment environment, String variable) {
        return load(environment.secretFromVariable(variable));
    }

    /** The secret from the default variable, or null when that variable is simply unset (lists work without one). */
    public static LoadedSecret optionalSecretFromVariable(ConsoleEnvironment environment, String variable) {
        if ((variable == null || variable.isBlank()) && !environment.hasVariable(null)) {
            return null;
        }
        return secretFromVariable(environment, variable);
    }

    /** The secret typed into a masked field; the caller may wipe its array at once. */
    public static LoadedSecret typedSecret(char[] typed) {
        return load(IntegrationSecretSource.typed(typed));
    }

    /** Unlocks the local vault (Argon2id: about a second) and takes its integration secret. */
    public static LoadedSecret secretFromVault(ConsoleEnvironment environment, Secret passphrase) {
        try (UnlockedVault vault = SecretVault.in(environment.home()).unlock(passphrase);
             IntegrationSecretSource source = IntegrationSecretSource.vault(vault)) {
            LoadedSecret loaded = load(source);
            return new LoadedSecret(loaded.cipher(), "the local vault");
        }
    }

    private static LoadedSecret load(IntegrationSecretSource source) {
        try (source; Secret secret = source.load()) {
            return new LoadedSecret(IntegrationCipher.forSecret(secret), source.description());
        }
    }

    // ------------------------------------------------------------------ reading

    /** The target's OpenRouter key table (its name depends on the schema variant). */
    public EncryptedKeyTable openRouterTable() {
        return EncryptedKeyTable.openRouter(session.schemaVariant());
    }

    /** A key table by its label (openrouter, claude), or a usage error naming the labels. */
    public EncryptedKeyTable table(String label) {
        try {
            return EncryptedKeyTable.fromLabel(label, session.schemaVariant());
        } catch (IllegalArgumentException e) {
            throw OperatorException.usage("Unknown key table '" + label + "'", "use openrouter or claude");
        }
    }

    public boolean tableExists() {
        return listing().tableExists();
    }

    /** One page of keys after {@code after} (null: the first page); decrypts only when a cipher is given. */
    public KeyPage page(KeyQuery query, UUID after, int limit, IntegrationCipher cipher) {
        return listing().page(query, after, limit, cipher);
    }

    public long count(KeyQuery query) {
        return listing().count(query);
    }

    public HealthReport scan(EncryptedKeyTable table, IntegrationCipher cipher, ProgressListener progress) {
        return new KeyHealthScan(session.database()).scan(table, cipher, progress);
    }

    /** Users whose id or email contains {@code text}, for a picker. */
    public List<Map.Entry<UUID, String>> findUsers(String text, int limit) {
        return editor().findUsers(text, limit);
    }

    /** Why a pasted text is not an OpenRouter key, without quoting it; empty when it looks like one. */
    public static java.util.Optional<String> whyNotAKey(CharSequence text) {
        return jobs.x402.console.keys.OpenRouterKeyShape.mismatch(text);
    }

    /** Whether the user has an OpenRouter key stored now. */
    public boolean hasKey(UUID userId) {
        return editor().hasKey(userId);
    }

    // ------------------------------------------------------------------ changes

    /**
     * @param verifyFirst ask OpenRouter about the key before saving, and record its answer
     * @param force       save even a text that does not look like a key, or one OpenRouter rejects
     * @param openRouterUrl the OpenRouter base URL for the check; null: the environment's
     */
    public record SetKeyRequest(UUID userId, Secret key, boolean verifyFirst, boolean force, String openRouterUrl,
                                Confirmation confirmation) {
    }

    /** What was saved, and OpenRouter's answer when it was asked first. */
    public record SetKeyResult(KeyEditor.SetResult saved, VerificationResult check) {
        public KeyVerdict verdict() {
            return check == null ? null : check.verdict();
        }
    }

    /** Checks the key with OpenRouter when asked, then saves it encrypted; an unanswered check saves nothing. */
    public SetKeyResult set(SetKeyRequest request, IntegrationCipher cipher, ProgressListener progress) {
        if (!request.confirmation().yes()) {
            throw OperatorException.refused("Setting a key replaces the user's current one",
                    "confirm the change").withAction(RemedyAction.CONFIRM);
        }
        KeyAudit audit = audit();
        VerificationResult check = null;
        if (request.verifyFirst()) {
            progress.step("Asking OpenRouter about the key");
            check = verifier(request.openRouterUrl(), audit).check(request.key());
            if (check.verdict() == KeyVerdict.UNAVAILABLE) {
                throw OperatorException.failure("Could not verify the key: " + check.problem() + ". Nothing was saved",
                        "try again later, or save without verifying", null);
            }
        }
        KeyEditor.SetResult saved = new KeyEditor(session.database(), audit).set(request.userId(), request.key(),
                cipher, check == null ? null : check.verdict(), request.force());
        return new SetKeyResult(saved, check);
    }

    public void enable(UUID userId) {
        editor().enable(userId);
    }

    public void disable(UUID userId) {
        editor().disable(userId);
    }

    public void delete(UUID userId, Confirmation confirmation) {
        if (!confirmation.yes()) {
            throw OperatorException.refused("Deleting the key of " + userId + " cannot be undone",
                    "confirm the deletion").withAction(RemedyAction.CONFIRM);
        }
        editor().delete(userId);
    }

    /** The decrypted key, audited; the caller clears it. */
    public Secret reveal(UUID userId, IntegrationCipher cipher, Confirmation confirmation) {
        if (!confirmation.yes()) {
            throw OperatorException.refused("Revealing shows the key in clear", "confirm the reveal")
                    .withAction(RemedyAction.CONFIRM);
        }
        return editor().reveal(userId, cipher);
    }

    public VerificationResult verify(UUID userId, IntegrationCipher cipher, String openRouterUrl) {
        return verifier(openRouterUrl, audit()).verify(userId, cipher);
    }

    public VerifyAllReport verifyAll(IntegrationCipher cipher, int concurrency, String openRouterUrl,
                                     ProgressListener progress) {
        return verifier(openRouterUrl, audit()).verifyAll(cipher, concurrency, progress);
    }

    public RotationPlan rotationPlan(Set<EncryptedKeyTable> tables, IntegrationCipher current,
                                     ProgressListener progress) {
        return new SecretRotation(session.database(), audit()).plan(tables, current, progress);
    }

    /** Re-encrypts every key from {@code current} to {@code next} in one transaction, checked before commit. */
    public RotationReport rotate(Set<EncryptedKeyTable> tables, IntegrationCipher current, IntegrationCipher next,
                                 boolean excludeUndecryptable, Confirmation confirmation, ProgressListener progress) {
        if (!confirmation.yes()) {
            throw OperatorException.refused("Rotation not confirmed: nothing was changed", "confirm the rotation")
                    .withAction(RemedyAction.CONFIRM);
        }
        return new SecretRotation(session.database(), audit()).rotate(tables, current, next, excludeUndecryptable,
                progress);
    }

    private KeyListing listing() {
        return new KeyListing(session.database());
    }

    private KeyEditor editor() {
        return new KeyEditor(session.database(), audit());
    }

    private KeyVerifier verifier(String openRouterUrl, KeyAudit audit) {
        return new KeyVerifier(session.database(), session.openRouter(openRouterUrl), audit);
    }

    private KeyAudit audit() {
        return new KeyAudit(session.audit(), session.identity());
    }
}
