package jobs.x402.console.keys.bench;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.HealthReport;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyAudit;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.keys.KeyHealthScan;
import jobs.x402.console.keys.KeyListing;
import jobs.x402.console.keys.KeyPage;
import jobs.x402.console.keys.KeyQuery;
import jobs.x402.console.keys.Migration005;
import jobs.x402.console.keys.RotationReport;
import jobs.x402.console.keys.SecretRotation;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * Secret rotation of N rows (default 100k) by the console against the same re-encryption done entirely in SQL with
 * pgcrypto on the same server in the same run, and the keys page's first screen (first page + count) at N rows with
 * the heap it leaves. Not a test; run with
 * {@code mvn -o -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.keys.bench.KeyRotationBenchmark -Dconsole.args=100000}.
 */
public final class KeyRotationBenchmark {
    private static final String S1 = "bench-secret-one";
    private static final String S2 = "bench-secret-two";
    private static final String S3 = "bench-secret-three";

    private KeyRotationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        TestDatabase db = TestDatabase.of(TestPostgres.get().freshDatabase("key_bench"));
        Migration005.apply(db);
        try (IntegrationCipher c1 = IntegrationCipher.forSecret(Secret.of(S1));
             IntegrationCipher c2 = IntegrationCipher.forSecret(Secret.of(S2));
             IntegrationCipher c3 = IntegrationCipher.forSecret(Secret.of(S3));
             DatabaseSession session = jobs.x402.console.db.DatabaseSession.open(db.target(), ConsoleSession.entityClasses(), ProgressListener.NONE)) {
            long t = System.nanoTime();
            try (Connection c = db.connect()) {
                List<UUID> users = KeyFixtures.createUsers(c, rows, "bench");
                KeyFixtures.insertKeys(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), users, c1);
                try (var st = c.createStatement()) {
                    st.execute("vacuum analyze public.user_openrouter_integrations");
                    st.execute("vacuum analyze auth.users");
                }
            }
            System.out.printf("%,d rows written in %d ms; %d cores, %s %s%n", rows, ms(t),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"));
            session.sessionFactory();

            // the keys page's first screen: the first page decrypted, and the count
            KeyListing listing = new KeyListing(session);
            listing.page(KeyQuery.EVERYTHING, null, KeyListing.DEFAULT_PAGE_SIZE, c1); // warm-up
            t = System.nanoTime();
            KeyPage first = listing.page(KeyQuery.EVERYTHING, null, KeyListing.DEFAULT_PAGE_SIZE, c1);
            long count = listing.count(KeyQuery.EVERYTHING);
            long firstScreen = ms(t);
            t = System.nanoTime();
            KeyPage deep = listing.page(new KeyQuery("bench-9999", jobs.x402.console.keys.KeyFilter.ALL), null,
                    KeyListing.DEFAULT_PAGE_SIZE, c1);
            long searched = ms(t);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            System.out.printf("keys page first screen: %d rows + count %,d in %d ms; search %d rows in %d ms;"
                    + " heap used after GC %d MB%n", first.rows().size(), count, firstScreen, deep.rows().size(),
                    searched, heapMb);

            t = System.nanoTime();
            HealthReport scan = new KeyHealthScan(session).scan(EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), c1,
                    ProgressListener.NONE);
            System.out.printf("health scan: %,d rows in %d ms (healthy %s)%n", scan.total(), ms(t), scan.healthy());

            KeyAudit audit = new KeyAudit(new AuditLog(Files.createTempFile("bench-audit", ".jsonl")),
                    session.identity());
            t = System.nanoTime();
            RotationReport report = new SecretRotation(session, audit).rotate(java.util.Set.of(EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED)),
                    c1, c2, false, ProgressListener.NONE);
            long consoleTotal = ms(t);
            System.out.printf("console rotation: %,d rows, transaction %d ms, with the health scan after %d ms"
                    + " (verified %s)%n", report.rotatedRows(), report.millis(), consoleTotal, report.verifiedAfter());

            long sqlMillis;
            try (Connection c = db.connect()) {
                try (var st = c.createStatement()) {
                    st.execute("create extension if not exists pgcrypto");
                }
                c.setAutoCommit(false);
                t = System.nanoTime();
                try (PreparedStatement st = c.prepareStatement("""
                        with k as (select digest(?, 'sha256') as old_key, digest(?, 'sha256') as new_key),
                             r as (select user_id, gen_random_bytes(16) as iv
                                   from public.user_openrouter_integrations)
                        update public.user_openrouter_integrations t
                        set encrypted_api_key = encode(r.iv, 'hex') || ':' || encode(encrypt_iv(
                                decrypt_iv(decode(split_part(t.encrypted_api_key, ':', 2), 'hex'), k.old_key,
                                           decode(split_part(t.encrypted_api_key, ':', 1), 'hex'),
                                           'aes-cbc/pad:pkcs'),
                                k.new_key, r.iv, 'aes-cbc/pad:pkcs'), 'hex')
                        from r, k where r.user_id = t.user_id""")) {
                    st.setString(1, S2);
                    st.setString(2, S3);
                    int updated = st.executeUpdate();
                    c.commit();
                    sqlMillis = ms(t);
                    System.out.printf("pgcrypto rotation (one UPDATE in SQL): %,d rows in %d ms%n", updated,
                            sqlMillis);
                }
            }
            HealthReport after = new KeyHealthScan(session).scan(EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), c3,
                    ProgressListener.NONE);
            System.out.printf("pgcrypto result decrypts with the console: %s%n", after.healthy());
            System.out.println();
            System.out.println("| measure | rows | ms | ratio |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf("| pgcrypto rotation in SQL (baseline) | %,d | %d | 1.00 |%n", rows, sqlMillis);
            System.out.printf("| console rotation transaction | %,d | %d | %.2f |%n", rows, report.millis(),
                    report.millis() / (double) sqlMillis);
            System.out.printf("| console rotation + health scan after | %,d | %d | %.2f |%n", rows, consoleTotal,
                    consoleTotal / (double) sqlMillis);
            System.out.printf("| keys page first screen (page of %d + count) | %,d | %d | target ≤ 1000 ms |%n",
                    KeyListing.DEFAULT_PAGE_SIZE, rows, firstScreen);
            System.out.printf("| heap used after first screen (MB) | %,d | %d | target ≤ 256 MB |%n", rows, heapMb);
        }
        System.exit(0);
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
