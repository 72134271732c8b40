package jobs.x402.console.keys;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** verify / verify-all against mockwebserver3 answering as OpenRouter's GET /key does, pleasant and not. */
@ExtendWith(DatabaseExtension.class)
class KeyVerifierTest {
    private static final String SECRET = "verifier-test-secret-Qa19";
    private static final String KEY_INFO = """
            {"data":{"label":"sk-or-v1-abc...f00","limit":10.5,"limit_remaining":7.25,"limit_reset":null,
             "usage":3.25,"usage_daily":0.5,"usage_weekly":1,"usage_monthly":3.25,"is_free_tier":false,
             "is_provisioning_key":false,"expires_at":null}}""";
    private static DatabaseSession session;
    private static IntegrationCipher cipher;
    private static List<UUID> users;
    private Map<UUID, String> keys;
    private MockWebServer server;
    private KeyAudit audit;
    private OpenRouterClient client;
    /** key text → what the mock answers for it. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @TempDir
    Path home;

    private record Answer(int status, String body, String retryAfter, long delayMillis) {
    }

    @BeforeAll
    static void setUp(TestDatabase db) throws Exception {
        Migration005.apply(db);
        session = db.openSession();
        cipher = IntegrationCipher.forSecret(Secret.of(SECRET));
        try (Connection c = db.connect()) {
            users = KeyFixtures.createUsers(c, 40, "verify");
        }
    }

    @AfterAll
    static void tearDown() {
        session.close();
        cipher.close();
    }

    @BeforeEach
    void start(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            KeyFixtures.clear(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED));
            keys = KeyFixtures.insertKeys(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), users, cipher);
        }
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    String auth = request.getHeaders().get("Authorization");
                    String key = auth == null ? "" : auth.substring("Bearer ".length());
                    Answer answer = answers.getOrDefault(key, new Answer(200, KEY_INFO, null, 30));
                    if (answer.retryAfter != null) {
                        // answer 429 once, then the default
                        answers.remove(key);
                    }
                    Thread.sleep(answer.delayMillis);
                    MockResponse.Builder response = new MockResponse.Builder().code(answer.status)
                            .addHeader("Content-Type", "application/json").body(answer.body);
                    if (answer.retryAfter != null) {
                        response.addHeader("Retry-After", answer.retryAfter);
                    }
                    return response.build();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start();
        client = OpenRouterClient.builder().baseUrl(server.url("/api/v1").toString())
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(5)).maxRetries(0).build();
        audit = new KeyAudit(new AuditLog(home.resolve("audit.jsonl")), session.identity());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void answer(UUID user, int status, String body) {
        answers.put(keys.get(user), new Answer(status, body, null, 10));
    }

    private static String error(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    @Test
    void aValidKeyRecordsValidAndShowsLabelLimitUsage() throws Exception {
        UUID user = users.get(0);
        VerificationResult result = new KeyVerifier(session, client, audit).verify(user, cipher);
        assertThat(result.verdict()).isEqualTo(KeyVerdict.VALID);
        assertThat(result.info().limit()).isEqualByComparingTo("10.5");
        assertThat(result.info().limitRemaining()).isEqualByComparingTo("7.25");
        assertThat(result.info().freeTier()).isFalse();
        assertThat(row(user)).isEqualTo("true|verified");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/key");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + keys.get(user));
    }

    @Test
    void aTwoHundredIsJudgedByItsFieldsLimitUsedUpExpiredOrAManagementKey() throws Exception {
        UUID usedUp = users.get(30);
        UUID expired = users.get(31);
        UUID management = users.get(32);
        UUID expiring = users.get(33);
        // the documented GET /key body (api_reference/limits), with the fields that make a 200 not enough
        answer(usedUp, 200, """
                {"data":{"label":"sk-or-v1-au7...890","limit":10,"limit_remaining":0,"limit_reset":"monthly",
                 "include_byok_in_limit":false,"usage":10,"usage_daily":1,"usage_weekly":4,"usage_monthly":10,
                 "byok_usage":17.38,"byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":17.38,
                 "is_free_tier":false,"is_management_key":false,"is_provisioning_key":false,"expires_at":null}}""");
        answer(expired, 200, """
                {"data":{"label":"sk-or-v1-old","limit":null,"usage":1,"is_free_tier":false,
                 "is_management_key":false,"expires_at":"2020-01-01T00:00:00Z"}}""");
        answer(management, 200, """
                {"data":{"label":"sk-or-v1-mgmt","limit":null,"usage":0,"is_management_key":true,
                 "is_provisioning_key":true}}""");
        answer(expiring, 200, """
                {"data":{"label":"sk-or-v1-new","limit":100,"limit_remaining":74.5,"limit_reset":"monthly",
                 "usage":25.5,"usage_monthly":25.5,"is_free_tier":false,"expires_at":"2099-12-31T23:59:59Z"}}""");
        KeyVerifier verifier = new KeyVerifier(session, client, audit);

        VerificationResult limited = verifier.verify(usedUp, cipher);
        assertThat(limited.verdict()).isEqualTo(KeyVerdict.LIMIT_USED_UP);
        assertThat(limited.verdict().isProblem()).isTrue();
        assertThat(KeyVerificationText.describe(limited)).startsWith("valid, but its limit is used up")
                .contains("limit $10.00 ($0.00 left, resets monthly)").contains("$17.38 through the user's own"
                        + " provider keys (BYOK)").doesNotContain("null");
        assertThat(row(usedUp)).as("the key itself is valid").isEqualTo("true|verified");

        VerificationResult old = verifier.verify(expired, cipher);
        assertThat(old.verdict()).isEqualTo(KeyVerdict.EXPIRED);
        assertThat(row(expired)).isEqualTo("false|verified");
        assertThat(verifier.verify(management, cipher).verdict()).isEqualTo(KeyVerdict.MANAGEMENT_KEY);

        VerificationResult fine = verifier.verify(expiring, cipher);
        assertThat(fine.verdict()).isEqualTo(KeyVerdict.VALID);
        assertThat(KeyVerificationText.describe(fine)).contains("expires at 2099-12-31T23:59:59Z")
                .contains("$74.50 left");
    }

    @Test
    void unpleasantAnswersAreNamedAndOnlyRealVerdictsAreRecorded() throws Exception {
        UUID unauthorized = users.get(1);
        UUID noCredits = users.get(2);
        UUID serverError = users.get(3);
        UUID garbage = users.get(4);
        UUID slow = users.get(5);
        answer(unauthorized, 401, error(401, "No auth credentials found"));
        answer(noCredits, 402, error(402, "Insufficient credits"));
        answer(serverError, 500, error(500, "Internal Server Error"));
        answer(garbage, 200, "<html>gateway</html>");
        answers.put(keys.get(slow), new Answer(200, KEY_INFO, null, 4_000));
        KeyVerifier verifier = new KeyVerifier(session, client, audit);

        assertThat(verifier.verify(unauthorized, cipher).verdict()).isEqualTo(KeyVerdict.INVALID);
        assertThat(row(unauthorized)).isEqualTo("false|verified");
        assertThat(verifier.verify(noCredits, cipher).verdict()).isEqualTo(KeyVerdict.NO_CREDITS);
        assertThat(row(noCredits)).isEqualTo("true|verified");
        VerificationResult down = verifier.verify(serverError, cipher);
        assertThat(down.verdict()).isEqualTo(KeyVerdict.UNAVAILABLE);
        assertThat(down.problem()).isNotBlank().doesNotContain(keys.get(serverError));
        assertThat(row(serverError)).isEqualTo("true|never");
        assertThat(verifier.verify(garbage, cipher).verdict()).isEqualTo(KeyVerdict.UNAVAILABLE);
        assertThat(row(garbage)).isEqualTo("true|never");
        assertThat(verifier.verify(slow, cipher).verdict()).isEqualTo(KeyVerdict.UNAVAILABLE);
        assertThat(row(slow)).isEqualTo("true|never");
    }

    @Test
    void verifyAllIsBoundedHonoursRetryAfterAndOneFailureNeverStopsTheBatch() throws Exception {
        answer(users.get(7), 401, error(401, "User not found"));
        answer(users.get(8), 500, error(500, "boom"));
        answers.put(keys.get(users.get(9)), new Answer(429, error(429, "Rate limit exceeded"), "1", 5));
        try (Connection c = session.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("update public.user_openrouter_integrations set encrypted_api_key = 'ab:cd'"
                    + " where user_id = '" + users.get(10) + "'");
        }
        long start = System.nanoTime();
        VerifyAllReport report = new KeyVerifier(session, client, audit).verifyAll(cipher, 3, ProgressListener.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.results()).hasSize(40);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(3);
        assertThat(report.counts()).containsEntry(KeyVerdict.INVALID, 1L).containsEntry(KeyVerdict.UNAVAILABLE, 1L)
                .containsEntry(KeyVerdict.UNDECRYPTABLE, 1L).containsEntry(KeyVerdict.VALID, 37L);
        // the 429 paused the batch for its Retry-After and the key was checked again, successfully
        assertThat(report.results().stream().filter(r -> r.userId().equals(users.get(9))).findFirst().orElseThrow()
                .verdict()).isEqualTo(KeyVerdict.VALID);
        assertThat(millis).isGreaterThanOrEqualTo(900);
        assertThat(report.allGood()).isFalse();
    }

    @Test
    void cancelSkipsTheKeysNotYetStarted() {
        answers.clear();
        users.forEach(u -> answers.put(keys.get(u), new Answer(200, KEY_INFO, null, 100)));
        AtomicInteger seen = new AtomicInteger();
        ProgressListener cancelAfterFive = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                if (done > 0) {
                    seen.set((int) done);
                }
            }

            @Override
            public boolean isCancelled() {
                return seen.get() >= 5;
            }
        };
        VerifyAllReport report = new KeyVerifier(session, client, audit).verifyAll(cipher, 2, cancelAfterFive);
        assertThat(report.cancelled()).isTrue();
        assertThat(report.counts().getOrDefault(KeyVerdict.SKIPPED, 0L)).isGreaterThan(20L);
    }

    @Test
    void aKeyReplacedWhileBeingCheckedIsNotMarked(TestDatabase db) throws Exception {
        UUID user = users.get(11);
        answers.put(keys.get(user), new Answer(200, KEY_INFO, null, 1_000));
        Thread replacer = new Thread(() -> {
            try {
                Thread.sleep(300);
                try (Connection c = db.connect(); Statement st = c.createStatement()) {
                    st.executeUpdate("delete from public.user_openrouter_integrations where user_id = '" + user + "'");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        replacer.start();
        VerificationResult result = new KeyVerifier(session, client, audit).verify(user, cipher);
        replacer.join();
        assertThat(result.verdict()).isEqualTo(KeyVerdict.CHANGED);
        SecretRotationTest.assertNoSecretIn(home.resolve("audit.jsonl"));
    }

    private static String row(UUID user) throws Exception {
        try (Connection c = session.connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("select is_valid, last_verified_at from public.user_openrouter_integrations"
                     + " where user_id = '" + user + "'")) {
            rs.next();
            return rs.getBoolean(1) + "|" + (rs.getObject(2) == null ? "never" : "verified");
        }
    }
}
