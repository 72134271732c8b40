package jobs.x402.console.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An open vault: its secrets in memory until {@link #lock()}. Changes stay in memory until {@link #save()}. Getters
 * hand out copies the caller owns (and should clear); puts copy the caller's secret.
 */
public final class UnlockedVault implements AutoCloseable {
    private static final String INTEGRATION_SECRET = "integrationSecret";
    // the payload is serialized with the streaming API on char arrays so no secret becomes an immutable String
    private static final JsonFactory JSON = new JsonFactory();

    private final SecretVault vault;
    private VaultKdfParameters kdf;
    private byte[] salt;
    private byte[] key;
    private Secret integrationSecret;

    UnlockedVault(SecretVault vault, VaultKdfParameters kdf, byte[] salt, byte[] key) {
        this.vault = vault;
        this.kdf = kdf;
        this.salt = salt;
        this.key = key;
    }

    public synchronized Optional<Secret> integrationSecret() {
        ensureOpen();
        return Optional.ofNullable(integrationSecret).map(UnlockedVault::copy);
    }

    public synchronized void putIntegrationSecret(Secret secret) {
        ensureOpen();
        if (secret == null || secret.isEmpty()) {
            throw OperatorException.usage("The integration secret to store is empty", "type the secret to keep");
        }
        if (integrationSecret != null) {
            integrationSecret.clear();
        }
        integrationSecret = copy(secret);
    }

    public synchronized boolean removeIntegrationSecret() {
        ensureOpen();
        if (integrationSecret == null) {
            return false;
        }
        integrationSecret.clear();
        integrationSecret = null;
        return true;
    }

    /** Writes the vault under a fresh nonce; the file is replaced atomically, never half written. */
    public synchronized void save() {
        ensureOpen();
        byte[] payload = serialize();
        try {
            vault.write(kdf, salt, key, payload);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Re-keys the vault under a new passphrase (new salt, default cost) and saves it. */
    public synchronized void changePassphrase(Secret newPassphrase) {
        ensureOpen();
        SecretVault.requirePassphrase(newPassphrase);
        VaultKdfParameters newKdf = kdf.memoryKiB() >= VaultKdfParameters.DEFAULT.memoryKiB()
                ? kdf : VaultKdfParameters.DEFAULT;
        byte[] newSalt = new byte[SecretVault.SALT_BYTES];
        new SecureRandom().nextBytes(newSalt);
        byte[] newKey = SecretVault.deriveKey(newPassphrase, newKdf, newSalt);
        Arrays.fill(key, (byte) 0);
        kdf = newKdf;
        salt = newSalt;
        key = newKey;
        save();
    }

    public synchronized boolean isLocked() {
        return key == null;
    }

    /** Wipes the key and every secret from memory; the vault must be unlocked again to use it. */
    public synchronized void lock() {
        if (key == null) {
            return;
        }
        Arrays.fill(key, (byte) 0);
        key = null;
        if (integrationSecret != null) {
            integrationSecret.clear();
            integrationSecret = null;
        }
    }

    @Override
    public void close() {
        lock();
    }

    @Override
    public synchronized String toString() {
        return isLocked() ? "UnlockedVault[locked]"
                : "UnlockedVault[" + vault.file() + ", integration secret " + (integrationSecret == null ? "absent"
                : "present") + "]";
    }

    void load(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (INTEGRATION_SECRET.equals(field) && value == JsonToken.VALUE_STRING) {
                    integrationSecret = readSecret(parser);
                } else {
                    // written by a newer console: keep reading what this one understands
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            lock();
            throw vault.damaged("its sealed contents are not the expected JSON", e);
        }
    }

    private byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            if (integrationSecret != null) {
                generator.writeFieldName(INTEGRATION_SECRET);
                writeSecret(generator, integrationSecret);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeSecret(JsonGenerator generator, Secret secret) throws IOException {
        char[] chars = secret.chars();
        try {
            generator.writeString(chars, 0, chars.length);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static Secret readSecret(JsonParser parser) throws IOException {
        char[] buffer = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        return Secret.of(Arrays.copyOfRange(buffer, offset, offset + parser.getTextLength()));
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }

    private static Secret copy(Secret secret) {
        char[] chars = secret.chars();
        try {
            return Secret.of(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private void ensureOpen() {
        if (key == null) {
            throw new IllegalStateException("the vault is locked");
        }
    }
}
