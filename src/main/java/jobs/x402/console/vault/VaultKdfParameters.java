package jobs.x402.console.vault;

/**
 * Argon2id cost of a vault's key derivation; written in the vault's header so a later version can raise it while
 * older vaults still open.
 */
public record VaultKdfParameters(int memoryKiB, int iterations, int parallelism) {
    /** 64 MiB, 3 passes, 1 lane: OWASP's Argon2id tier, about half a second on a laptop core. */
    public static final VaultKdfParameters DEFAULT = new VaultKdfParameters(64 * 1024, 3, 1);
    // a damaged or hostile header must not make unlock allocate gigabytes or spin for minutes
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    /** The problem with these values, or null when Argon2id can run them within the console's bounds. */
    String defect() {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            return "parallelism " + parallelism + " is outside 1.." + MAX_PARALLELISM;
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return "iterations " + iterations + " is outside 1.." + MAX_ITERATIONS;
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            return "memory " + memoryKiB + " KiB is outside " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB";
        }
        return null;
    }
}
