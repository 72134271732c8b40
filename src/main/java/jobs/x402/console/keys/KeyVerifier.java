package jobs.x402.console.keys;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.openrouter.KeyInfo;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.openrouter.OpenRouterException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks OpenRouter (GET /key) whether stored keys work and records the answer in {@code is_valid} and
 * {@code last_verified_at}. A batch runs a bounded number of checks at once; a 429 that outlasts the client's own
 * retries pauses the whole batch until its Retry-After, since every worker would hit the same limit; one key's
 * failure never stops the others.
 */
public final class KeyVerifier {
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int MAX_CONCURRENCY = 16;
    private static final int RATE_LIMIT_ROUNDS = 3;
    private static final Duration PAUSE_WITHOUT_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(2);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DatabaseSession session;
    private final OpenRouterClient client;
    private final KeyAudit audit;

    public KeyVerifier(DatabaseSession session, OpenRouterClient client, KeyAudit audit) {
        this.session = session;
        this.client = client;
        this.audit = audit;
    }

    /** Checks a key that is not saved yet (set with verify); writes nothing. */
    public VerificationResult check(Secret key) {
        return call(null, key).result;
    }

    /** Checks one user's stored key and records the answer. */
    public VerificationResult verify(UUID userId, IntegrationCipher cipher) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        OpenRouterIntegration row = session.sessionFactory().fromStatelessTransaction(s ->
                s.get(OpenRouterIntegration.class, userId));
        if (row == null) {
            audit.record("verify", userId, "failed: no key");
            throw KeyFailures.noKeyFor(userId);
        }
        VerificationResult result = verifyStored(userId, row.getEncryptedApiKey(), cipher).result;
        audit.record("verify", userId, result.verdict().name().toLowerCase(java.util.Locale.ROOT));
        return result;
    }

    /** Checks every stored key, {@code concurrency} at a time; cancel skips the keys not yet started. */
    public VerifyAllReport verifyAll(IntegrationCipher cipher, int concurrency, ProgressListener progress) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw OperatorException.usage("Concurrency " + concurrency + " is outside 1.." + MAX_CONCURRENCY,
                    "OpenRouter rate-limits per account; a few checks at a time is enough");
        }
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        List<Map.Entry<UUID, String>> rows = readAll();
        int total = rows.size();
        progress.progress(0, total, "Verifying " + total + " keys, " + concurrency + " at a time");
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Instant> pauseUntil = new AtomicReference<>(Instant.EPOCH);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "key-verify-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<VerificationResult>> futures = new ArrayList<>(total);
        try {
            for (Map.Entry<UUID, String> row : rows) {
                futures.add(workers.submit(() -> {
                    VerificationResult result = verifyWithBatchPauses(row.getKey(), row.getValue(), cipher,
                            pauseUntil, progress);
                    int finished = done.incrementAndGet();
                    synchronized (progress) {
                        progress.progress(finished, total, "Verified " + finished + " of " + total + " keys");
                    }
                    return result;
                }));
            }
            List<VerificationResult> results = new ArrayList<>(total);
            for (int i = 0; i < futures.size(); i++) {
                results.add(resultOf(futures.get(i), rows.get(i).getKey()));
            }
            VerifyAllReport report = new VerifyAllReport(results, progress.isCancelled());
            Map<String, Object> details = new LinkedHashMap<>();
            report.counts().forEach((verdict, count) -> details.put(verdict.name().toLowerCase(java.util.Locale.ROOT),
                    count));
            details.put("concurrency", concurrency);
            audit.record("verify-all", null, report.cancelled() ? "cancelled" : "ok", details);
            return report;
        } finally {
            workers.shutdownNow();
        }
    }

    private VerificationResult verifyWithBatchPauses(UUID userId, String stored, IntegrationCipher cipher,
                                                     AtomicReference<Instant> pauseUntil, ProgressListener progress)
            throws InterruptedException {
        for (int round = 0; ; round++) {
            if (!waitForPause(pauseUntil, progress)) {
                return new VerificationResult(userId, KeyVerdict.SKIPPED, null, "cancelled before its turn");
            }
            Attempt attempt = verifyStored(userId, stored, cipher);
            if (attempt.rateLimited && round < RATE_LIMIT_ROUNDS) {
                Instant resume = attempt.retryAt != null ? attempt.retryAt : Instant.now().plus(
                        PAUSE_WITHOUT_RETRY_AFTER);
                Instant capped = resume.isAfter(Instant.now().plus(LONGEST_PAUSE))
                        ? Instant.now().plus(LONGEST_PAUSE) : resume;
                pauseUntil.accumulateAndGet(capped, (a, b) -> a.isAfter(b) ? a : b);
                synchronized (progress) {
                    progress.step("OpenRouter rate limit: pausing the batch until " + capped);
                }
                continue;
            }
            if (attempt.result.verdict().recordsVerification()) {
                audit.record("verify", userId, attempt.result.verdict().name().toLowerCase(java.util.Locale.ROOT));
            }
            return attempt.result;
        }
    }

    /** Sleeps until the batch pause is over; false when the operator cancelled. */
    private static boolean waitForPause(AtomicReference<Instant> pauseUntil, ProgressListener progress)
            throws InterruptedException {
        while (true) {
            if (progress.isCancelled()) {
                return false;
            }
            long wait = Duration.between(Instant.now(), pauseUntil.get()).toMillis();
            if (wait <= 0) {
                return true;
            }
            Thread.sleep(Math.min(wait, 200));
        }
    }

    private static VerificationResult resultOf(Future<VerificationResult> future, UUID userId) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new VerificationResult(userId, KeyVerdict.SKIPPED, null, "interrupted");
        } catch (ExecutionException e) {
            // a database failure while recording one key must not lose the other keys' results
            String problem = e.getCause() instanceof OperatorException o ? o.problem()
                    : e.getCause().getClass().getSimpleName();
            return new VerificationResult(userId, KeyVerdict.UNAVAILABLE, null, problem);
        }
    }

    private record Attempt(VerificationResult result, boolean rateLimited, Instant retryAt) {
    }

    private Attempt verifyStored(UUID userId, String stored, IntegrationCipher cipher) {
        try (DecryptOutcome outcome = cipher.decrypt(stored)) {
            if (!outcome.isOk()) {
                return new Attempt(new VerificationResult(userId, KeyVerdict.UNDECRYPTABLE, null, outcome.message()),
                        false, null);
            }
            Attempt attempt = call(userId, outcome.plaintext());
            if (!attempt.result.verdict().recordsVerification()) {
                return attempt;
            }
            if (!record(userId, stored, attempt.result.verdict().keyIsValid())) {
                return new Attempt(new VerificationResult(userId, KeyVerdict.CHANGED, attempt.result.info(),
                        "the key was deleted or replaced while it was being checked; nothing was recorded"),
                        false, null);
            }
            return attempt;
        }
    }

    private Attempt call(UUID userId, Secret key) {
        try {
            KeyInfo info = client.key(key);
            return new Attempt(new VerificationResult(userId, KeyVerdict.of(info, java.time.Instant.now()), info,
                    null), false, null);
        } catch (OpenRouterException e) {
            return switch (e.kind()) {
                case INVALID_KEY, FORBIDDEN -> new Attempt(new VerificationResult(userId, KeyVerdict.INVALID, null,
                        "OpenRouter rejected the key (" + e.httpStatus() + ")"), false, null);
                case INSUFFICIENT_CREDITS -> new Attempt(new VerificationResult(userId, KeyVerdict.NO_CREDITS, null,
                        "the key's account has no credits (402)"), false, null);
                case RATE_LIMITED -> new Attempt(new VerificationResult(userId, KeyVerdict.UNAVAILABLE, null,
                        e.problem()), true, e.retryAt());
                default -> new Attempt(new VerificationResult(userId, KeyVerdict.UNAVAILABLE, null, e.problem()),
                        false, null);
            };
        }
    }

    /** Writes the answer only if the row still holds the value that was checked. */
    private boolean record(UUID userId, String stored, boolean valid) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int changed = session.inTransaction(s -> s.createMutationQuery("update OpenRouterIntegration i"
                        + " set i.valid = :valid, i.lastVerifiedAt = :now"
                        + " where i.userId = :user and i.encryptedApiKey = :stored")
                .setParameter("valid", valid).setParameter("now", now).setParameter("user", userId)
                .setParameter("stored", stored).executeUpdate());
        return changed == 1;
    }

    private List<Map.Entry<UUID, String>> readAll() {
        try (Connection connection = session.connection(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select user_id, encrypted_api_key"
                     + " from " + session.schemaVariant().qualifiedKeyTable() + " order by user_id")) {
            List<Map.Entry<UUID, String>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(Map.entry(rs.getObject(1, UUID.class), rs.getString(2)));
            }
            return rows;
        } catch (SQLException e) {
            throw KeyFailures.database("reading the keys to verify", session, e);
        }
    }
}
