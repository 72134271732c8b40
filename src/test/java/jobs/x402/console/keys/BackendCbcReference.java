package jobs.x402.console.keys;

import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.encoders.Hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The backend's scheme written a second time on BouncyCastle's low-level engine (no JCE, no console code), so tests
 * compare two independent implementations rather than one against itself.
 */
final class BackendCbcReference {
    private BackendCbcReference() {
    }

    static byte[] key(String secret) {
        byte[] input = secret.getBytes(StandardCharsets.UTF_8);
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** Decrypts a stored {@code ivhex:cthex}; returns the raw plaintext bytes. */
    static byte[] decrypt(String secret, String stored) throws InvalidCipherTextException {
        String[] parts = stored.split(":");
        return run(false, key(secret), Hex.decode(parts[0]), Hex.decode(parts[1]));
    }

    static String decryptText(String secret, String stored) throws InvalidCipherTextException {
        return new String(decrypt(secret, stored), StandardCharsets.UTF_8);
    }

    /** Encrypts raw bytes under a chosen IV, as the backend would; returns {@code ivhex:cthex}. */
    static String encrypt(String secret, byte[] iv, byte[] plaintext) throws InvalidCipherTextException {
        return Hex.toHexString(iv) + ":" + Hex.toHexString(run(true, key(secret), iv, plaintext));
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] iv, byte[] input) throws InvalidCipherTextException {
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()),
                new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int length = cipher.processBytes(input, 0, input.length, out, 0);
        length += cipher.doFinal(out, length);
        return Arrays.copyOf(out, length);
    }
}
