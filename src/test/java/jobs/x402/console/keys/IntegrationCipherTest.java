package jobs.x402.console.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationCipherTest {
    private static final String SECRET = "test-integration-secret-Ω-7f3a";
    private static final String KEY =
            "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    record Vector(String secret, String plaintext, String stored) {
    }

    static List<Vector> vectors() throws IOException {
        try (InputStream in = IntegrationCipherTest.class.getResourceAsStream("/keys/integration-cipher-vectors.json")) {
            assertThat(in).as("test resource keys/integration-cipher-vectors.json").isNotNull();
            return Json.mapper().readValue(in, new TypeReference<List<Vector>>() {
            });
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private IntegrationCipher cipher(String secret) {
        IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(secret));
        toClose.add(cipher);
        return cipher;
    }

    @Test
    void everyBackendVectorDecryptsExactly() throws IOException {
        List<Vector> vectors = vectors();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(12);
        for (Vector v : vectors) {
            try (DecryptOutcome outcome = cipher(v.secret()).decrypt(v.stored(), PlaintextShape.ANY_TEXT)) {
                assertThat(outcome.status()).as(v.stored()).isEqualTo(DecryptStatus.OK);
                assertThat(outcome.plaintext().reveal()).isEqualTo(v.plaintext());
            }
        }
    }

    @Test
    void vectorsAsOpenRouterKeysAreOkOnlyWhenKeyShaped() throws IOException {
        for (Vector v : vectors()) {
            DecryptStatus expected = OpenRouterKeyShape.matches(v.plaintext())
                    ? DecryptStatus.OK : DecryptStatus.NOT_AN_OPENROUTER_KEY;
            try (DecryptOutcome outcome = cipher(v.secret()).decrypt(v.stored())) {
                assertThat(outcome.status()).as(v.plaintext()).isEqualTo(expected);
            }
        }
    }

    @Test
    void independentImplementationReproducesEveryVectorByteForByte() throws Exception {
        // proves the reference is the backend's algorithm before it is used to judge the console
        for (Vector v : vectors()) {
            byte[] iv = Hex.decode(v.stored().substring(0, 32));
            assertThat(BackendCbcReference.encrypt(v.secret(), iv, v.plaintext().getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(v.stored());
            assertThat(BackendCbcReference.decryptText(v.secret(), v.stored())).isEqualTo(v.plaintext());
        }
    }

    static Stream<Arguments> plaintexts() {
        return Stream.of(Arguments.of(KEY), Arguments.of(""), Arguments.of("x"), Arguments.of("exactly16bytes!!"),
                Arguments.of("kéy-☃-漢字-😀"), Arguments.of("a".repeat(1000)));
    }

    @ParameterizedTest
    @MethodSource("plaintexts")
    void consoleCiphertextDecryptsWithTheIndependentImplementation(String plaintext) throws Exception {
        for (String secret : List.of(SECRET, " spaced ", "漢字", "x")) {
            String stored = cipher(secret).encrypt(Secret.of(plaintext));
            assertThat(stored).matches("[0-9a-f]{32}:([0-9a-f]{32})+");
            assertThat(BackendCbcReference.decryptText(secret, stored)).isEqualTo(plaintext);
        }
    }

    @Test
    void eachEncryptionUsesAFreshIv() {
        IntegrationCipher cipher = cipher(SECRET);
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ivs.add(cipher.encrypt(Secret.of(KEY)).substring(0, 32));
        }
        assertThat(ivs).hasSize(200);
    }

    @Test
    void roundTripsThroughTheConsoleAndAcceptsUppercaseHex() {
        IntegrationCipher cipher = cipher(SECRET);
        String stored = cipher.encrypt(Secret.of(KEY));
        try (DecryptOutcome outcome = cipher.decrypt(stored.toUpperCase())) {
            assertThat(outcome.isOk()).isTrue();
            assertThat(outcome.plaintext().reveal()).isEqualTo(KEY);
        }
    }

    static Stream<Arguments> malformed() {
        String iv = "00112233445566778899aabbccddeeff";
        String block = "00112233445566778899aabbccddeeff";
        return Stream.of(
                Arguments.of(null, DecryptStatus.EMPTY),
                Arguments.of("", DecryptStatus.EMPTY),
                Arguments.of(iv + block, DecryptStatus.NOT_TWO_PARTS),
                Arguments.of(iv + ":" + block + ":" + block, DecryptStatus.NOT_TWO_PARTS),
                Arguments.of(":" + block, DecryptStatus.NOT_TWO_PARTS),
                Arguments.of(iv + ":", DecryptStatus.NOT_TWO_PARTS),
                Arguments.of(":", DecryptStatus.NOT_TWO_PARTS),
                Arguments.of(iv + ":" + block.replace('a', 'g'), DecryptStatus.NOT_HEX),
                Arguments.of("zz" + iv.substring(2) + ":" + block, DecryptStatus.NOT_HEX),
                Arguments.of(" " + iv + ":" + block, DecryptStatus.NOT_HEX),
                Arguments.of(iv + ":" + block + "\n", DecryptStatus.NOT_HEX),
                Arguments.of(iv + ":" + block.substring(0, 30) + "é1", DecryptStatus.NOT_HEX),
                Arguments.of(iv + ":" + block + "0", DecryptStatus.ODD_LENGTH),
                Arguments.of(iv.substring(1) + ":" + block, DecryptStatus.ODD_LENGTH),
                Arguments.of(iv.substring(8) + ":" + block, DecryptStatus.IV_NOT_16_BYTES),
                Arguments.of(iv + "00:" + block, DecryptStatus.IV_NOT_16_BYTES),
                Arguments.of(iv + ":" + block + "00", DecryptStatus.CIPHERTEXT_NOT_BLOCK_MULTIPLE),
                Arguments.of(iv + ":" + block.substring(0, 30), DecryptStatus.CIPHERTEXT_NOT_BLOCK_MULTIPLE));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedValuesGetTheirOwnNamedOutcome(String stored, DecryptStatus expected) {
        try (DecryptOutcome outcome = cipher(SECRET).decrypt(stored)) {
            assertThat(outcome.status()).isEqualTo(expected);
            assertThat(outcome.isOk()).isFalse();
            assertThat(outcome.message()).startsWith("The stored value ").contains(expected.description());
            assertThatThrownBy(outcome::plaintext).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void detailsNameSizesAndPositions() {
        IntegrationCipher cipher = cipher(SECRET);
        assertThat(cipher.decrypt("00:" + "00".repeat(16)).detail()).isEqualTo("IV is 1 bytes");
        assertThat(cipher.decrypt("00".repeat(16) + ":" + "00".repeat(17)).detail()).isEqualTo("ciphertext is 17 bytes");
        assertThat(cipher.decrypt("00".repeat(16) + ":00x0").detail())
                .isEqualTo("ciphertext has a non-hex character at position 3");
        assertThat(cipher.decrypt("a:b:c").detail()).isEqualTo("3 parts");
    }

    @Test
    void badPaddingIsItsOwnOutcome() throws Exception {
        // a valid-looking value whose last block does not end in PKCS#7 padding under this key
        byte[] iv = new byte[16];
        String stored = BackendCbcReference.encrypt(SECRET, iv, "0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                .substring(0, 33 + 32);
        assertThat(cipher(SECRET).decrypt(stored).status()).isEqualTo(DecryptStatus.BAD_PADDING);
    }

    @Test
    void plaintextThatIsNotUtf8IsItsOwnOutcome() throws Exception {
        String stored = BackendCbcReference.encrypt(SECRET, new byte[16], new byte[]{'s', 'k', (byte) 0xff, (byte) 0xc3});
        assertThat(cipher(SECRET).decrypt(stored).status()).isEqualTo(DecryptStatus.NOT_UTF8);
        assertThat(cipher(SECRET).decrypt(stored, PlaintextShape.ANY_TEXT).status()).isEqualTo(DecryptStatus.NOT_UTF8);
    }

    @Test
    void textThatIsNotAKeyIsToldApartFromAWrongSecret() throws InvalidCipherTextException {
        String stored = BackendCbcReference.encrypt(SECRET, new byte[16], "hello".getBytes(StandardCharsets.UTF_8));
        DecryptOutcome outcome = cipher(SECRET).decrypt(stored);
        assertThat(outcome.status()).isEqualTo(DecryptStatus.NOT_AN_OPENROUTER_KEY);
        assertThat(outcome.status().category()).as("it decrypts: the secret is right")
                .isEqualTo(DecryptStatus.Category.NOT_A_KEY);
        assertThat(outcome.message()).contains("decrypts with this secret, but to text that is not a key");
        assertThat(outcome.toString()).doesNotContain("hello");
        assertThat(cipher(SECRET).decrypt(stored, PlaintextShape.ANY_TEXT).isOk()).isTrue();
    }

    @Test
    void aKeyStoredInClearIsNamedForWhatItIs() {
        DecryptOutcome outcome = cipher(SECRET).decrypt("sk-or-v1-" + "ab".repeat(32));
        assertThat(outcome.status()).isEqualTo(DecryptStatus.STORED_IN_CLEAR);
        assertThat(outcome.message()).contains("UNENCRYPTED").doesNotContain("abab");
    }

    @Test
    void aWrongSecretNeverYieldsAKey() {
        IntegrationCipher right = cipher(SECRET);
        IntegrationCipher wrong = cipher(SECRET + "!");
        EnumSet<DecryptStatus> seen = EnumSet.noneOf(DecryptStatus.class);
        for (int i = 0; i < 2000; i++) {
            DecryptOutcome outcome = wrong.decrypt(right.encrypt(Secret.of(randomKey())));
            seen.add(outcome.status());
            assertThat(outcome.status().category()).isEqualTo(DecryptStatus.Category.WRONG_SECRET);
        }
        // about 1 in 256 wrong-key decryptions passes the padding check by chance: the shape check catches those
        assertThat(seen).contains(DecryptStatus.BAD_PADDING);
    }

    @Test
    void anEmptySecretIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> IntegrationCipher.forSecret(Secret.of("")))
                .isInstanceOf(OperatorException.class)
                .hasMessageContaining("The integration secret is empty")
                .hasMessageContaining("INTEGRATION_ENCRYPTION_SECRET")
                .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.USAGE));
        assertThatThrownBy(() -> IntegrationCipher.forSecret(null)).isInstanceOf(OperatorException.class);
    }

    @Test
    void theSecretIsUsedAsIsNotTrimmed() {
        String stored = cipher(" " + SECRET).encrypt(Secret.of(KEY));
        assertThat(cipher(SECRET).decrypt(stored).isOk()).isFalse();
        assertThat(cipher(" " + SECRET).decrypt(stored).isOk()).isTrue();
    }

    @Test
    void noSecretOrPlaintextInMessagesOrToString() {
        IntegrationCipher cipher = cipher(SECRET);
        String stored = cipher.encrypt(Secret.of(KEY));
        List<String> texts = new ArrayList<>();
        texts.add(cipher.toString());
        DecryptOutcome ok = cipher.decrypt(stored);
        texts.add(ok.toString());
        texts.add(ok.message());
        texts.add(ok.plaintext().toString());
        for (String bad : List.of(stored.substring(1), stored + "00", stored.replace(':', 'x'), "")) {
            DecryptOutcome outcome = cipher.decrypt(bad);
            texts.add(outcome.toString());
            texts.add(outcome.message());
            texts.add(outcome.detail());
        }
        try {
            IntegrationCipher.forSecret(Secret.of(""));
        } catch (OperatorException e) {
            texts.add(e.getMessage());
        }
        for (String text : texts) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(KEY).doesNotContain(KEY.substring(9, 25));
        }
    }

    @Test
    void closingWipesTheOutcomeAndTheCipher() {
        IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET));
        String stored = cipher.encrypt(Secret.of(KEY));
        DecryptOutcome outcome = cipher.decrypt(stored);
        Secret key = outcome.plaintext();
        outcome.close();
        assertThat(key.isCleared()).isTrue();
        cipher.close();
        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> cipher.encrypt(Secret.of(KEY))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        IntegrationCipher cipher = cipher(SECRET);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 2000; i++) {
                        String key = randomKey();
                        try (DecryptOutcome outcome = cipher.decrypt(cipher.encrypt(Secret.of(key)))) {
                            if (outcome.isOk() && outcome.plaintext().reveal().equals(key)) {
                                ok++;
                            }
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return OpenRouterKeyShape.V1_PREFIX + Hex.toHexString(bytes);
    }
}
