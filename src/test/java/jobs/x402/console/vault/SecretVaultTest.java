package jobs.x402.console.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretVaultTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String INTEGRATION_SECRET = "integration-secret-7d1f0a9e-ü";
    // small Argon2id cost keeps the suite fast; one test runs the defaults
    private static final VaultKdfParameters FAST = new VaultKdfParameters(1024, 1, 1);

    @TempDir
    Path dir;

    private SecretVault vault() {
        return new SecretVault(dir.resolve("vault.json"));
    }

    private void createFilled() {
        try (UnlockedVault open = vault().create(Secret.of(PASSPHRASE), FAST)) {
            open.putIntegrationSecret(Secret.of(INTEGRATION_SECRET));
            open.save();
        }
    }

    @Test
    void storesAndReadsBackTheSecrets() {
        createFilled();
        try (UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE))) {
            assertThat(open.integrationSecret()).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo(INTEGRATION_SECRET));
            assertThat(open.removeIntegrationSecret()).isTrue();
            open.save();
        }
        try (UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE))) {
            assertThat(open.integrationSecret()).isEmpty();
        }
    }

    @Test
    void theFileNeverHoldsASecretInClear() throws IOException {
        createFilled();
        byte[] file = Files.readAllBytes(vault().file());
        String asText = new String(file, StandardCharsets.ISO_8859_1);
        for (String secret : List.of(INTEGRATION_SECRET, PASSPHRASE)) {
            assertThat(asText).doesNotContain(secret);
            assertThat(asText).doesNotContain(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            assertThat(asText).doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            assertThat(asText).doesNotContain(new String(secret.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        }
        assertThat(asText).contains("\"format\" : \"x402-console-vault\"").contains("argon2id").contains("AES-256-GCM");
    }

    @Test
    void aWrongPassphraseIsAClearAuthenticationError() {
        createFilled();
        assertThatThrownBy(() -> vault().unlock(Secret.of(PASSPHRASE + "x")))
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("the passphrase is wrong")
                .hasMessageNotContaining(PASSPHRASE)
                .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.UNREACHABLE));
    }

    @Test
    void anEmptyPassphraseIsRefused() {
        assertThatThrownBy(() -> vault().create(Secret.of(""), FAST)).isInstanceOf(OperatorException.class)
                .hasMessageContaining("The vault passphrase is empty");
        assertThat(vault().exists()).isFalse();
    }

    @Test
    void createRefusesToOverwriteAndUnlockNeedsAVault() {
        assertThatThrownBy(() -> vault().unlock(Secret.of(PASSPHRASE))).isInstanceOf(OperatorException.class)
                .hasMessageContaining("There is no vault at");
        createFilled();
        assertThatThrownBy(() -> vault().create(Secret.of(PASSPHRASE), FAST)).isInstanceOf(OperatorException.class)
                .hasMessageContaining("A vault already exists")
                .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
    }

    @Test
    void alteredHeaderOrCiphertextFailsLikeAWrongPassphrase() throws IOException {
        createFilled();
        Path file = vault().file();
        byte[] original = Files.readAllBytes(file);
        List<Consumer<ObjectNode>> tampers = List.of(
                root -> ((ObjectNode) root.get("kdf")).put("iterations", 2),
                root -> ((ObjectNode) root.get("kdf")).put("salt", flipFirstByte(root.get("kdf").get("salt").asText())),
                root -> ((ObjectNode) root.get("cipher")).put("nonce", flipFirstByte(root.get("cipher").get("nonce").asText())),
                root -> root.put("ciphertext", flipFirstByte(root.get("ciphertext").asText())));
        for (Consumer<ObjectNode> tamper : tampers) {
            ObjectNode root = (ObjectNode) Json.mapper().readTree(original);
            tamper.accept(root);
            Files.write(file, Json.mapper().writeValueAsBytes(root));
            assertThatThrownBy(() -> vault().unlock(Secret.of(PASSPHRASE))).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("the file was altered");
        }
    }

    @Test
    void aDamagedFileSaysWhatIsWrong() throws IOException {
        createFilled();
        Path file = vault().file();
        String original = Files.readString(file);
        record Damage(String content, String expected) {
        }
        List<Damage> damages = List.of(
                new Damage(original.substring(0, original.length() / 2), "is damaged: it is not readable JSON"),
                new Damage("", "is damaged"),
                new Damage("[]", "is damaged: it is not a JSON object"),
                new Damage("{\"format\":\"something-else\"}", "it is not a console vault"),
                new Damage(original.replace("\"version\" : 1", "\"version\" : 9"), "its version 9"),
                new Damage(original.replace("argon2id", "scrypt"), "its key derivation is not argon2id"),
                new Damage(original.replace("\"memoryKiB\" : 1024", "\"memoryKiB\" : 99999999"), "out of bounds"),
                new Damage(original.replace("\"iterations\" : 1", "\"iterations\" : \"one\""), "'iterations' is missing or not an integer"),
                new Damage(original.replaceFirst("\"nonce\" : \"", "\"nonce\" : \"!!"), "'nonce' is not valid base64"),
                new Damage(original.replaceFirst("\"ciphertext\" : \"[^\"]*\"", "\"ciphertext\" : \"AAAA\""), "shorter than the authentication tag"));
        for (Damage damage : damages) {
            Files.writeString(file, damage.content());
            assertThatThrownBy(() -> vault().unlock(Secret.of(PASSPHRASE)))
                    .as(damage.expected())
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining(vault().file().toString())
                    .hasMessageContaining(damage.expected())
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.FAILURE));
        }
    }

    @Test
    void saveReplacesTheFileAtomicallyWithAFreshNonce() throws IOException {
        createFilled();
        String nonceBefore = Json.mapper().readTree(vault().file().toFile()).get("cipher").get("nonce").asText();
        try (UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE))) {
            open.putIntegrationSecret(Secret.of("another-secret"));
            open.save();
        }
        String nonceAfter = Json.mapper().readTree(vault().file().toFile()).get("cipher").get("nonce").asText();
        assertThat(nonceAfter).isNotEqualTo(nonceBefore);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("vault.json");
        }
    }

    @Test
    void lockWipesEverythingInMemory() {
        createFilled();
        UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE));
        Secret handedOut = open.integrationSecret().orElseThrow();
        open.lock();
        assertThat(open.isLocked()).isTrue();
        assertThat(open.toString()).isEqualTo("UnlockedVault[locked]");
        assertThatThrownBy(open::integrationSecret).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(open::save).isInstanceOf(IllegalStateException.class);
        // copies already handed out belong to the caller
        assertThat(handedOut.reveal()).isEqualTo(INTEGRATION_SECRET);
    }

    @Test
    void toStringNamesWhatIsThereNotTheValues() {
        createFilled();
        try (UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE))) {
            assertThat(open.toString()).contains("integration secret present")
                    .doesNotContain(INTEGRATION_SECRET);
        }
    }

    @Test
    void changingThePassphraseReKeysTheVault() {
        createFilled();
        try (UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE))) {
            open.changePassphrase(Secret.of("new passphrase"));
        }
        assertThatThrownBy(() -> vault().unlock(Secret.of(PASSPHRASE))).isInstanceOf(OperatorException.class);
        try (UnlockedVault open = vault().unlock(Secret.of("new passphrase"))) {
            assertThat(open.integrationSecret().orElseThrow().reveal()).isEqualTo(INTEGRATION_SECRET);
        }
    }

    @Test
    void defaultCostIsWrittenInTheHeaderAndOpens() throws IOException {
        long start = System.nanoTime();
        try (UnlockedVault open = vault().create(Secret.of(PASSPHRASE))) {
            open.putIntegrationSecret(Secret.of(INTEGRATION_SECRET));
            open.save();
        }
        try (UnlockedVault open = vault().unlock(Secret.of(PASSPHRASE))) {
            assertThat(open.integrationSecret().orElseThrow().reveal()).isEqualTo(INTEGRATION_SECRET);
        }
        System.out.printf("vault create+unlock at default Argon2id cost: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        var kdf = Json.mapper().readTree(vault().file().toFile()).get("kdf");
        assertThat(kdf.get("memoryKiB").asInt()).isEqualTo(65536);
        assertThat(kdf.get("iterations").asInt()).isEqualTo(3);
        assertThat(kdf.get("parallelism").asInt()).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(kdf.get("salt").asText())).hasSize(16);
    }

    @Test
    void livesInTheUsersDataDirectory() {
        ConsoleHome home = new ConsoleHome(dir.resolve("config"), dir.resolve("data"));
        assertThat(SecretVault.in(home).file()).isEqualTo(dir.resolve("data").resolve("vault.json"));
    }

    @Test
    void unsafeKdfSettingsAreRefusedAtCreation() {
        assertThatThrownBy(() -> vault().create(Secret.of(PASSPHRASE), new VaultKdfParameters(4, 1, 1)))
                .isInstanceOf(OperatorException.class).hasMessageContaining("memory 4 KiB");
    }

    private static String flipFirstByte(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[0] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
