package jobs.x402.console.keys;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The backend's integration-secret scheme (docs/backend-behaviour.md §3), byte for byte: AES-256-CBC with PKCS#7 padding, key =
 * SHA-256 of the secret's UTF-8 bytes, a fresh random 16-byte IV per value, stored as {@code ivhex:cthex} lowercase.
 * Decrypting never throws for bad data: every defect is a named {@link DecryptStatus}.
 *
 * <p>Built for rotating 100k rows: the derived key is computed once per instance, and each thread keeps its own JCE
 * {@link Cipher} (not thread-safe, costly to look up) plus UTF-8 decoder, so a value costs one {@code init} (the JDK
 * skips key expansion when the key is unchanged) and one {@code doFinal}. Instances are thread-safe.
 */
public final class IntegrationCipher implements AutoCloseable {
    public static final int IV_BYTES = 16;
    private static final int BLOCK_BYTES = 16;
    // JCE's "PKCS5Padding" on a 16-byte block cipher is exactly PKCS#7, as OpenSSL/Node use it
    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final byte[] HEX_VALUES = new byte[128];

    static {
        Arrays.fill(HEX_VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX_VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX_VALUES['a' + i] = (byte) (10 + i);
            HEX_VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private final DerivedKey key;
    private final SecureRandom random;
    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    private IntegrationCipher(DerivedKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /**
     * A cipher for the given integration secret (used as is: the backend does not trim it). The caller keeps
     * ownership of {@code secret}; this instance holds only the derived key, wiped by {@link #close()}.
     *
     * @throws OperatorException (usage) when the secret is empty
     */
    public static IntegrationCipher forSecret(Secret secret) {
        if (secret == null || secret.isEmpty()) {
            throw OperatorException.usage("The integration secret is empty",
                    "load the secret the backend uses (" + IntegrationSecretSource.DEFAULT_VARIABLE
                            + "); an empty secret would encrypt keys the backend cannot read");
        }
        byte[] utf8 = secret.utf8();
        try {
            return new IntegrationCipher(new DerivedKey(sha256(utf8)), new SecureRandom());
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** Encrypts the UTF-8 bytes of {@code plaintext} under a fresh random IV; returns {@code ivhex:cthex}. */
    public String encrypt(Secret plaintext) {
        byte[] bytes = plaintext.utf8();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = perThread.get().cipher;
            cipher.init(Cipher.ENCRYPT_MODE, liveKey(), new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(bytes);
            char[] out = new char[IV_BYTES * 2 + 1 + ciphertext.length * 2];
            writeHex(iv, out, 0);
            out[IV_BYTES * 2] = ':';
            writeHex(ciphertext, out, IV_BYTES * 2 + 1);
            return new String(out);
        } catch (GeneralSecurityException e) {
            // AES-256-CBC is mandatory in every JDK: reaching this is a broken runtime, not bad data
            throw new IllegalStateException("AES-256-CBC is unavailable in this Java runtime", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Decrypts a value that must be an OpenRouter key ({@code the OpenRouter key table's encrypted_api_key}). */
    public DecryptOutcome decrypt(String stored) {
        return decrypt(stored, PlaintextShape.OPENROUTER_KEY);
    }

    /** Decrypts strictly; the plaintext must also have {@code expected} shape, else NOT_AN_OPENROUTER_KEY. */
    public DecryptOutcome decrypt(String stored, PlaintextShape expected) {
        if (stored == null || stored.isEmpty()) {
            return DecryptOutcome.failed(DecryptStatus.EMPTY, "");
        }
        if (storedInClear(stored)) {
            return DecryptOutcome.failed(DecryptStatus.STORED_IN_CLEAR, "");
        }
        int colon = stored.indexOf(':');
        if (colon < 0) {
            return DecryptOutcome.failed(DecryptStatus.NOT_TWO_PARTS, "no ':' separator");
        }
        if (stored.indexOf(':', colon + 1) >= 0) {
            long parts = stored.chars().filter(c -> c == ':').count() + 1;
            return DecryptOutcome.failed(DecryptStatus.NOT_TWO_PARTS, parts + " parts");
        }
        if (colon == 0 || colon == stored.length() - 1) {
            return DecryptOutcome.failed(DecryptStatus.NOT_TWO_PARTS, colon == 0 ? "IV part is empty"
                    : "ciphertext part is empty");
        }
        DecryptOutcome hexDefect = hexDefect(stored, 0, colon, "IV");
        if (hexDefect == null) {
            hexDefect = hexDefect(stored, colon + 1, stored.length(), "ciphertext");
        }
        if (hexDefect != null) {
            return hexDefect;
        }
        int ivBytes = colon / 2;
        if (ivBytes != IV_BYTES) {
            return DecryptOutcome.failed(DecryptStatus.IV_NOT_16_BYTES, "IV is " + ivBytes + " bytes");
        }
        int ciphertextBytes = (stored.length() - colon - 1) / 2;
        if (ciphertextBytes % BLOCK_BYTES != 0) {
            return DecryptOutcome.failed(DecryptStatus.CIPHERTEXT_NOT_BLOCK_MULTIPLE,
                    "ciphertext is " + ciphertextBytes + " bytes");
        }
        byte[] iv = readHex(stored, 0, colon);
        byte[] ciphertext = readHex(stored, colon + 1, stored.length());
        PerThread state = perThread.get();
        byte[] plain = new byte[ciphertextBytes];
        int plainLength;
        try {
            state.cipher.init(Cipher.DECRYPT_MODE, liveKey(), new IvParameterSpec(iv));
            plainLength = state.cipher.doFinal(ciphertext, 0, ciphertext.length, plain, 0);
        } catch (BadPaddingException e) {
            Arrays.fill(plain, (byte) 0);
            return DecryptOutcome.failed(DecryptStatus.BAD_PADDING, "");
        } catch (IllegalBlockSizeException | ShortBufferException e) {
            throw new IllegalStateException("block sizes were checked before decrypting", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is unavailable in this Java runtime", e);
        }
        char[] chars = new char[plainLength];
        try {
            int charCount = decodeUtf8(state.decoder, plain, plainLength, chars);
            if (charCount < 0) {
                return DecryptOutcome.failed(DecryptStatus.NOT_UTF8, "");
            }
            CharBuffer text = CharBuffer.wrap(chars, 0, charCount);
            if (!expected.accepts(text)) {
                return DecryptOutcome.failed(DecryptStatus.NOT_AN_OPENROUTER_KEY, "");
            }
            return DecryptOutcome.ok(Secret.of(Arrays.copyOf(chars, charCount)));
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(chars, '\0');
        }
    }

    /** An OpenRouter (or other "sk-…") key where ciphertext belongs: ciphertext is lowercase hex around one colon. */
    static boolean storedInClear(String stored) {
        String value = stored.strip();
        return value.startsWith("sk-or-") || (value.startsWith("sk-") && value.indexOf(':') < 0);
    }

    /** Wipes the derived key; the instance refuses work afterwards. */
    @Override
    public void close() {
        key.wipe();
        perThread.remove();
    }

    @Override
    public String toString() {
        return "IntegrationCipher[AES-256-CBC, key hidden]";
    }

    private SecretKey liveKey() {
        if (key.isDestroyed()) {
            throw new IllegalStateException("the integration cipher was closed");
        }
        return key;
    }

    private static DecryptOutcome hexDefect(String s, int from, int to, String part) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || HEX_VALUES[c] < 0) {
                return DecryptOutcome.failed(DecryptStatus.NOT_HEX,
                        part + " has a non-hex character at position " + (i - from + 1));
            }
        }
        if (((to - from) & 1) != 0) {
            return DecryptOutcome.failed(DecryptStatus.ODD_LENGTH, part + " has " + (to - from) + " hex characters");
        }
        return null;
    }

    private static byte[] readHex(String s, int from, int to) {
        byte[] out = new byte[(to - from) / 2];
        for (int i = 0, j = from; i < out.length; i++, j += 2) {
            out[i] = (byte) ((HEX_VALUES[s.charAt(j)] << 4) | HEX_VALUES[s.charAt(j + 1)]);
        }
        return out;
    }

    private static void writeHex(byte[] bytes, char[] out, int at) {
        for (int i = 0, j = at; i < bytes.length; i++, j += 2) {
            out[j] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            out[j + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
    }

    /** Strict UTF-8 (no replacement characters, unlike Node's default); returns -1 for malformed input. */
    private static int decodeUtf8(CharsetDecoder decoder, byte[] bytes, int length, char[] out) {
        decoder.reset();
        CharBuffer target = CharBuffer.wrap(out);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, length), target, true);
        if (result.isError()) {
            return -1;
        }
        if (decoder.flush(target).isError()) {
            return -1;
        }
        return target.position();
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this Java runtime", e);
        }
    }

    /** One thread's reusable JCE cipher and decoder; neither is thread-safe. */
    private static final class PerThread {
        final Cipher cipher;
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        PerThread() {
            try {
                cipher = Cipher.getInstance(TRANSFORMATION);
            } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
                throw new IllegalStateException("AES/CBC/PKCS5Padding is unavailable in this Java runtime", e);
            }
        }
    }

    /** A raw AES key that, unlike {@code SecretKeySpec} on Java 17, can really be wiped. */
    private static final class DerivedKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private volatile boolean destroyed;

        DerivedKey(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }

        void wipe() {
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public void destroy() {
            wipe();
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "DerivedKey[hidden]";
        }
    }
}
