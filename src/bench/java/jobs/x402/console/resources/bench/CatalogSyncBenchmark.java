package jobs.x402.console.resources.bench;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.openrouter.ModelInfo;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.resources.CatalogDiff;
import jobs.x402.console.resources.CatalogEntry;
import jobs.x402.console.resources.ModelCatalogSync;
import jobs.x402.console.resources.RecordedModels;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.testing.TestPostgres;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: times "models sync" of a 500-model feed end to end (fetch from a local mock, map, diff, upsert in one
 * transaction) against a raw JDBC batch upsert of the same rows in the same run. Target: ≤ 2 s.
 * Run: {@code mvn -o -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.resources.bench.CatalogSyncBenchmark}
 */
public final class CatalogSyncBenchmark {
    private static final int MODELS = 500;
    private static final int ROUNDS = 7;

    private CatalogSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionTarget target = TestPostgres.get().freshDatabase("CatalogSyncBenchmark");
        try (MockWebServer server = new MockWebServer();
             DatabaseSession session = jobs.x402.console.db.DatabaseSession.open(target, ConsoleSession.entityClasses(), ProgressListener.NONE)) {
            server.start();
            OpenRouterClient client = OpenRouterClient.builder().baseUrl(server.url("/api/v1").toString()).build();
            ModelCatalogSync sync = new ModelCatalogSync(session);
            session.sessionFactory();
            // warm-up: JIT, Hibernate's first statements, the mock's first connection
            server.enqueue(new MockResponse.Builder().code(200).body(RecordedModels.generated(MODELS, 0)).build());
            sync.apply(sync.preview(client, ProgressListener.NONE), null, ProgressListener.NONE);

            long[] first = new long[ROUNDS];
            long[] changed = new long[ROUNDS];
            long[] previewOnly = new long[ROUNDS];
            long[] rawJdbc = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                truncate(session);
                first[round] = timeSync(server, client, sync, RecordedModels.generated(MODELS, round), true);
                changed[round] = timeSync(server, client, sync, RecordedModels.generated(MODELS, round + 1), true);
                previewOnly[round] = timeSync(server, client, sync, RecordedModels.generated(MODELS, round + 2),
                        false);
                truncate(session);
                rawJdbc[round] = timeRawJdbc(server, client, session, RecordedModels.generated(MODELS, round));
            }
            long raw = median(rawJdbc);
            System.out.println("| catalog sync, " + MODELS + " models (median of " + ROUNDS + ") | ms | vs raw JDBC |");
            System.out.println("|---|---|---|");
            row("raw JDBC batch upsert (fetch + parse + insert … on conflict)", raw, raw);
            row("models sync: empty table, 500 inserts", median(first), raw);
            row("models sync: 500 rows, prices changed, 500 updates", median(changed), raw);
            row("models sync preview only (fetch + map + diff)", median(previewOnly), raw);
            long worst = Math.max(Arrays.stream(first).max().orElse(0), Arrays.stream(changed).max().orElse(0));
            System.out.println();
            System.out.println("worst full sync " + worst + " ms; target <= 2000 ms: " + (worst <= 2000 ? "met"
                    : "NOT met"));
        }
        System.exit(0);
    }

    private static long timeSync(MockWebServer server, OpenRouterClient client, ModelCatalogSync sync, String feed,
                                 boolean apply) {
        server.enqueue(new MockResponse.Builder().code(200).body(feed).build());
        long start = System.nanoTime();
        CatalogDiff diff = sync.preview(client, ProgressListener.NONE);
        if (apply) {
            sync.apply(diff, null, ProgressListener.NONE);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long timeRawJdbc(MockWebServer server, OpenRouterClient client, DatabaseSession session,
                                    String feed) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(feed).build());
        long start = System.nanoTime();
        List<ModelInfo> models = client.models();
        List<CatalogEntry> entries = jobs.x402.console.resources.CatalogRules.map(models).entries();
        try (Connection c = session.connection(); PreparedStatement st = c.prepareStatement("""
                insert into ai_models (openrouter_id, display_name, description, provider, modality, context_length,
                    max_tokens, pricing_prompt, pricing_completion, input_cost_per_million, output_cost_per_million,
                    capabilities, is_active, last_synced_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, true, now())
                on conflict (openrouter_id) do update set display_name = excluded.display_name,
                    pricing_prompt = excluded.pricing_prompt, last_synced_at = now()""")) {
            c.setAutoCommit(false);
            for (CatalogEntry e : entries) {
                st.setString(1, e.openrouterId());
                st.setString(2, e.displayName());
                st.setString(3, e.description());
                st.setString(4, e.provider());
                st.setString(5, e.modality());
                st.setObject(6, e.contextLength());
                st.setObject(7, e.maxTokens());
                st.setString(8, e.pricingPrompt());
                st.setString(9, e.pricingCompletion());
                st.setBigDecimal(10, e.inputCostPerMillion());
                st.setBigDecimal(11, e.outputCostPerMillion());
                st.setString(12, "{\"vision\":true,\"web_search\":false,\"tool_calling\":true}");
                st.addBatch();
            }
            st.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void truncate(DatabaseSession session) throws Exception {
        try (Connection c = session.connection(); var st = c.createStatement()) {
            st.execute("delete from ai_models");
        }
    }

    private static void row(String what, long millis, long baseline) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f× |%n", what, millis,
                baseline == 0 ? 0.0 : (double) millis / baseline);
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
