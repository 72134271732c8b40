package jobs.x402.console.keys.bench;

import jobs.x402.console.core.Secret;
import jobs.x402.console.keys.DecryptOutcome;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.OpenRouterKeyShape;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * In-JVM throughput of the secret rotation's crypto (no database): decrypt with the old secret, encrypt with the new,
 * decrypt the new value and compare, as rotation does before commit. Not a test; run with
 * {@code mvn -o -q test-compile exec:exec -Dexec.classpathScope=test -Dconsole.mainClass=jobs.x402.console.keys.bench.IntegrationCipherBenchmark -Dconsole.args=100000}.
 */
public final class IntegrationCipherBenchmark {
    private static final int WARM_UP_ROUNDS = 5;
    private static final List<Result> RESULTS = new ArrayList<>();

    private IntegrationCipherBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> keys = randomKeys(rows);
        try (IntegrationCipher oldCipher = IntegrationCipher.forSecret(Secret.of("old-secret-" + System.nanoTime()));
             IntegrationCipher newCipher = IntegrationCipher.forSecret(Secret.of("new-secret-" + System.nanoTime()))) {
            String[] stored = new String[rows];
            System.out.printf("%d rows, best of %d rounds after 5 warm-up rounds, %d cores, %s %s%n", rows, rounds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
            report("encrypt", rows, rounds, () -> {
                for (int i = 0; i < rows; i++) {
                    stored[i] = oldCipher.encrypt(Secret.of(keys.get(i)));
                }
            });
            report("decrypt (+ UTF-8 + key shape)", rows, rounds, () -> {
                for (int i = 0; i < rows; i++) {
                    try (DecryptOutcome outcome = oldCipher.decrypt(stored[i])) {
                        check(outcome.isOk());
                    }
                }
            });
            report("re-encrypt (decrypt old, encrypt new)", rows, rounds, () -> {
                for (int i = 0; i < rows; i++) {
                    reEncrypt(oldCipher, newCipher, stored[i], false);
                }
            });
            report("re-encrypt + verify new value", rows, rounds, () -> {
                for (int i = 0; i < rows; i++) {
                    reEncrypt(oldCipher, newCipher, stored[i], true);
                }
            });
            int threads = Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                report("re-encrypt + verify, " + threads + " threads", rows, rounds, () -> {
                    List<Future<?>> parts = new ArrayList<>();
                    int slice = (rows + threads - 1) / threads;
                    for (int t = 0; t < threads; t++) {
                        int from = t * slice;
                        int to = Math.min(rows, from + slice);
                        parts.add(pool.submit(() -> {
                            for (int i = from; i < to; i++) {
                                reEncrypt(oldCipher, newCipher, stored[i], true);
                            }
                        }));
                    }
                    for (Future<?> part : parts) {
                        part.get();
                    }
                });
            } finally {
                pool.shutdownNow();
            }
            // measured last, when the JIT has compiled the AES intrinsics, so the floor is not inflated by warm-up
            long floor = report("floor: raw JCE AES-CBC decrypt + encrypt", rows, rounds, rawJceReEncrypt(rows));
            System.out.printf("%-44s %10s %12s %10s%n", "operation", "ms", "rows/s", "vs floor");
            for (Result result : RESULTS) {
                System.out.printf("%-44s %10.1f %12.0f %9.2f×%n", result.name(), result.nanos() / 1e6,
                        rows / (result.nanos() / 1e9), (double) result.nanos() / floor);
            }
        }
    }

    private record Result(String name, long nanos) {
    }

    private static void reEncrypt(IntegrationCipher oldCipher, IntegrationCipher newCipher, String stored,
                                  boolean verify) {
        try (DecryptOutcome outcome = oldCipher.decrypt(stored)) {
            check(outcome.isOk());
            String rotated = newCipher.encrypt(outcome.plaintext());
            if (verify) {
                try (DecryptOutcome again = newCipher.decrypt(rotated)) {
                    char[] before = outcome.plaintext().chars();
                    char[] after = again.plaintext().chars();
                    check(Arrays.equals(before, after));
                }
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long report(String name, int rows, int rounds, Work work) throws Exception {
        // C2 compiles the AES intrinsics only after a few hundred thousand calls: measure after that
        for (int w = 0; w < WARM_UP_ROUNDS; w++) {
            work.run();
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        RESULTS.add(new Result(name, best));
        return best;
    }

    /** The floor: JCE AES-CBC alone on the same sizes, without hex, parsing, UTF-8 or shape checks. */
    private static Work rawJceReEncrypt(int rows) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] oldKey = new byte[32];
        byte[] newKey = new byte[32];
        random.nextBytes(oldKey);
        random.nextBytes(newKey);
        SecretKeySpec oldSpec = new SecretKeySpec(oldKey, "AES");
        SecretKeySpec newSpec = new SecretKeySpec(newKey, "AES");
        Cipher oldCipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        Cipher newCipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        byte[][] ivs = new byte[rows][16];
        byte[][] ciphertexts = new byte[rows][];
        for (int i = 0; i < rows; i++) {
            random.nextBytes(ivs[i]);
            oldCipher.init(Cipher.ENCRYPT_MODE, oldSpec, new IvParameterSpec(ivs[i]));
            ciphertexts[i] = oldCipher.doFinal(new byte[73]);
        }
        return () -> {
            byte[] iv = new byte[16];
            for (int i = 0; i < rows; i++) {
                oldCipher.init(Cipher.DECRYPT_MODE, oldSpec, new IvParameterSpec(ivs[i]));
                byte[] plain = oldCipher.doFinal(ciphertexts[i]);
                random.nextBytes(iv);
                newCipher.init(Cipher.ENCRYPT_MODE, newSpec, new IvParameterSpec(iv));
                check(newCipher.doFinal(plain).length == 80);
            }
        };
    }

    private static void check(boolean condition) {
        if (!condition) {
            throw new IllegalStateException("benchmark round trip failed");
        }
    }

    private static List<String> randomKeys(int rows) {
        SecureRandom random = new SecureRandom();
        HexFormat hex = HexFormat.of();
        List<String> keys = new ArrayList<>(rows);
        byte[] bytes = new byte[32];
        for (int i = 0; i < rows; i++) {
            random.nextBytes(bytes);
            keys.add(OpenRouterKeyShape.V1_PREFIX + hex.formatHex(bytes));
        }
        return keys;
    }
}
