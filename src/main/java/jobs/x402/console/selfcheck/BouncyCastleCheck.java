package jobs.x402.console.selfcheck;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * BouncyCastle loads as a JCE provider (its jar must stay signed and unshaded) and computes what the key vault uses:
 * Argon2id and AES-GCM. Inputs are fixed, so nothing secret is involved.
 */
final class BouncyCastleCheck implements StartupCheck {
    @Override
    public String name() {
        return "bouncycastle";
    }

    @Override
    public String description() {
        return "BouncyCastle provider: Argon2id and AES-GCM round trip";
    }

    @Override
    public String run() throws Exception {
        BouncyCastleProvider provider = new BouncyCastleProvider();
        byte[] key = new byte[32];
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(new byte[16])
                .withMemoryAsKB(1024).withIterations(1).withParallelism(1).build());
        argon2.generateBytes("self-check".toCharArray(), key);

        byte[] plaintext = "x402 self-check".getBytes(StandardCharsets.UTF_8);
        SecretKeySpec aesKey = new SecretKeySpec(key, "AES");
        GCMParameterSpec nonce = new GCMParameterSpec(128, new byte[12]);
        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
        encrypt.init(Cipher.ENCRYPT_MODE, aesKey, nonce);
        byte[] sealed = encrypt.doFinal(plaintext);
        Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
        decrypt.init(Cipher.DECRYPT_MODE, aesKey, nonce);
        if (!Arrays.equals(plaintext, decrypt.doFinal(sealed))) {
            throw new IllegalStateException("AES-GCM through BouncyCastle did not round-trip");
        }
        return provider.getName() + " " + provider.getVersionStr() + ": Argon2id and AES-GCM round trip";
    }
}
