package jobs.x402.console.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The optional local vault file ({@code vault.json} in the user's data directory): the integration secret and
 * database passwords per connection profile, sealed with AES-256-GCM under a key derived from a passphrase with
 * Argon2id. The header (format, KDF parameters, salt, nonce) is in clear and bound to the ciphertext as associated
 * data, so altering it fails like a wrong passphrase. Every write replaces the file atomically.
 */
public final class SecretVault {
    public static final String FILE_NAME = "vault.json";
    static final String FORMAT = "x402-console-vault";
    static final int VERSION = 1;
    static final String KDF_NAME = "argon2id";
    static final String CIPHER_NAME = "AES-256-GCM";
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int KEY_BYTES = 32;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    public SecretVault(Path file) {
        this.file = file;
    }

    public static SecretVault in(ConsoleHome home) {
        return new SecretVault(home.data(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** Creates an empty vault with the default Argon2id cost and writes it; refuses to overwrite an existing one. */
    public UnlockedVault create(Secret passphrase) {
        return create(passphrase, VaultKdfParameters.DEFAULT);
    }

    public UnlockedVault create(Secret passphrase, VaultKdfParameters kdf) {
        requirePassphrase(passphrase);
        String defect = kdf.defect();
        if (defect != null) {
            throw OperatorException.usage("The vault key derivation settings are not usable: " + defect,
                    "use the defaults");
        }
        if (exists()) {
            throw OperatorException.refused("A vault already exists at " + file,
                    "unlock it with its passphrase, or delete the file to start a new one");
        }
        byte[] salt = randomBytes(SALT_BYTES);
        UnlockedVault vault = new UnlockedVault(this, kdf, salt, deriveKey(passphrase, kdf, salt));
        vault.save();
        return vault;
    }

    /**
     * Opens the vault with its passphrase.
     *
     * @throws OperatorException usage when there is no vault, authentication when the passphrase is wrong (or the
     *                           file was altered), failure when the file is damaged
     */
    public UnlockedVault unlock(Secret passphrase) {
        requirePassphrase(passphrase);
        if (!exists()) {
            throw OperatorException.usage("There is no vault at " + file, "create the vault first")
                    .withAction(jobs.x402.console.core.RemedyAction.CREATE_VAULT);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw damaged("it is not readable JSON", e);
        }
        Header header = Header.read(root, this);
        byte[] key = deriveKey(passphrase, header.kdf, header.salt);
        byte[] payload;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, header.nonce));
            cipher.updateAAD(associatedData(header.kdf, header.salt, header.nonce));
            payload = cipher.doFinal(header.ciphertext);
        } catch (AEADBadTagException e) {
            Arrays.fill(key, (byte) 0);
            throw new OperatorException(ExitCode.UNREACHABLE,
                    "The vault at " + file + " did not open: the passphrase is wrong, or the file was altered",
                    "type the passphrase again; if it is lost, delete the vault and load the secrets from their source",
                    null);
        } catch (GeneralSecurityException e) {
            Arrays.fill(key, (byte) 0);
            throw damaged("its ciphertext cannot be decrypted", e);
        }
        try {
            UnlockedVault vault = new UnlockedVault(this, header.kdf, header.salt, key);
            vault.load(payload);
            return vault;
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Seals the payload under a fresh nonce and replaces the file in one atomic move. */
    void write(VaultKdfParameters kdf, byte[] salt, byte[] key, byte[] payload) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        byte[] ciphertext;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(kdf, salt, nonce));
            ciphertext = cipher.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this Java runtime", e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode kdfNode = root.putObject("kdf");
        kdfNode.put("algorithm", KDF_NAME);
        kdfNode.put("memoryKiB", kdf.memoryKiB());
        kdfNode.put("iterations", kdf.iterations());
        kdfNode.put("parallelism", kdf.parallelism());
        kdfNode.put("salt", base64.encodeToString(salt));
        ObjectNode cipherNode = root.putObject("cipher");
        cipherNode.put("algorithm", CIPHER_NAME);
        cipherNode.put("nonce", base64.encodeToString(nonce));
        root.put("ciphertext", base64.encodeToString(ciphertext));
        try {
            AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw OperatorException.failure("The vault could not be written to " + file,
                    "check the directory's permissions and free space; the previous vault file is unchanged", e);
        }
    }

    static byte[] deriveKey(Secret passphrase, VaultKdfParameters kdf, byte[] salt) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(kdf.memoryKiB())
                .withIterations(kdf.iterations())
                .withParallelism(kdf.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] password = passphrase.utf8();
        byte[] key = new byte[KEY_BYTES];
        try {
            generator.generateBytes(password, key);
            return key;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    static void requirePassphrase(Secret passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw OperatorException.usage("The vault passphrase is empty", "type the vault's passphrase");
        }
    }

    /** Everything in the header that decryption depends on, so none of it can be swapped unnoticed. */
    private static byte[] associatedData(VaultKdfParameters kdf, byte[] salt, byte[] nonce) {
        Base64.Encoder base64 = Base64.getEncoder();
        return (FORMAT + '|' + VERSION + '|' + KDF_NAME + "|v=19|m=" + kdf.memoryKiB() + "|t=" + kdf.iterations()
                + "|p=" + kdf.parallelism() + "|salt=" + base64.encodeToString(salt) + '|' + CIPHER_NAME
                + "|nonce=" + base64.encodeToString(nonce)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    OperatorException damaged(String what, Throwable cause) {
        return OperatorException.failure("The vault file " + file + " is damaged: " + what,
                "restore it from a backup, or delete it and load the secrets from their source again", cause);
    }

    /** The clear part of a vault file, checked field by field so a damaged file says what is wrong. */
    private record Header(VaultKdfParameters kdf, byte[] salt, byte[] nonce, byte[] ciphertext) {
        static Header read(JsonNode root, SecretVault vault) {
            if (root == null || !root.isObject()) {
                throw vault.damaged("it is not a JSON object", null);
            }
            if (!FORMAT.equals(root.path("format").asText())) {
                throw vault.damaged("it is not a console vault (format is not '" + FORMAT + "')", null);
            }
            int version = root.path("version").asInt(-1);
            if (version != VERSION) {
                throw vault.damaged("its version " + version + " is not one this console reads (" + VERSION + ")",
                        null);
            }
            JsonNode kdfNode = root.path("kdf");
            if (!KDF_NAME.equals(kdfNode.path("algorithm").asText())) {
                throw vault.damaged("its key derivation is not " + KDF_NAME, null);
            }
            VaultKdfParameters kdf = new VaultKdfParameters(integer(kdfNode, "memoryKiB", vault),
                    integer(kdfNode, "iterations", vault), integer(kdfNode, "parallelism", vault));
            String defect = kdf.defect();
            if (defect != null) {
                throw vault.damaged("its key derivation settings are out of bounds: " + defect, null);
            }
            JsonNode cipherNode = root.path("cipher");
            if (!CIPHER_NAME.equals(cipherNode.path("algorithm").asText())) {
                throw vault.damaged("its cipher is not " + CIPHER_NAME, null);
            }
            byte[] salt = base64(kdfNode, "salt", vault);
            byte[] nonce = base64(cipherNode, "nonce", vault);
            byte[] ciphertext = base64(root, "ciphertext", vault);
            if (salt.length < SALT_BYTES) {
                throw vault.damaged("its salt is " + salt.length + " bytes, fewer than " + SALT_BYTES, null);
            }
            if (nonce.length != NONCE_BYTES) {
                throw vault.damaged("its nonce is " + nonce.length + " bytes, not " + NONCE_BYTES, null);
            }
            if (ciphertext.length < TAG_BITS / 8) {
                throw vault.damaged("its ciphertext is shorter than the authentication tag", null);
            }
            return new Header(kdf, salt, nonce, ciphertext);
        }

        private static int integer(JsonNode node, String field, SecretVault vault) {
            JsonNode value = node.get(field);
            if (value == null || !value.isInt()) {
                throw vault.damaged("'" + field + "' is missing or not an integer", null);
            }
            return value.intValue();
        }

        private static byte[] base64(JsonNode node, String field, SecretVault vault) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw vault.damaged("'" + field + "' is missing", null);
            }
            try {
                return Base64.getDecoder().decode(value.textValue());
            } catch (IllegalArgumentException e) {
                throw vault.damaged("'" + field + "' is not valid base64", e);
            }
        }
    }
}
