package jobs.x402.console.resources;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.openrouter.OpenRouterException;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalog sync from a recorded /models response against the sandbox baseline's ai_models (6 demo rows). */
@ExtendWith(DatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelCatalogSyncTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    @TempDir
    Path home;

    private OpenRouterClient client() {
        return OpenRouterClient.builder().baseUrl(server.url("/api/v1").toString()).maxRetries(0)
                .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    @Order(0)
    void imageOutputModelsTheBareFeedLeavesOutAreExplainedAndLongContextPricesNamed(TestDatabase db) throws Exception {
        // GET /models lists text-output models only unless output_modalities=all, as the backend's cron calls it
        server.enqueue(RecordedModels.response("""
                {"data":[{"id":"openai/gpt-4o-mini","name":"OpenAI: GPT-4o-mini","context_length":128000,
                  "architecture":{"modality":"text->text","input_modalities":["text"],"output_modalities":["text"]},
                  "pricing":{"prompt":"0.00000015","completion":"0.0000006","overrides":[
                    {"min_prompt_tokens":100000,"prompt":"0.0000003","completion":"0.0000012"}]},
                  "top_provider":{"context_length":128000,"max_completion_tokens":16384}}]}
                """));
        try (DatabaseSession session = db.openSession()) {
            CatalogDiff diff = new ModelCatalogSync(session).preview(client(), false, ProgressListener.NONE);
            assertThat(diff.deactivated()).contains("google/gemini-2.5-flash-image-preview",
                    "mistralai/mistral-small-3.2-24b-instruct");
            assertThat(diff.reasonFor("google/gemini-2.5-flash-image-preview"))
                    .contains("output_modalities=all").contains("the cron will deactivate it too");
            assertThat(diff.reasonFor("mistralai/mistral-small-3.2-24b-instruct"))
                    .isEqualTo("no longer in OpenRouter's feed");
            assertThat(diff.longContextPrices()).singleElement().satisfies(p -> assertThat(p.describe())
                    .isEqualTo("openai/gpt-4o-mini: above 100000 prompt tokens $0.3/M in, $1.2/M out"));
        }
        server.enqueue(RecordedModels.response("{\"data\":[]}"));
        try (DatabaseSession session = db.openSession()) {
            org.assertj.core.api.Assertions.catchThrowable(() -> new ModelCatalogSync(session).preview(client(), true,
                    ProgressListener.NONE));
        }
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("output_modalities")).isEqualTo("all");
    }

    @Test
    @Order(1)
    void thePreviewNamesNewChangedAndDeactivatedRowsAndWritesNothing(TestDatabase db) throws Exception {
        server.enqueue(RecordedModels.response(RecordedModels.json()));
        try (DatabaseSession session = db.openSession()) {
            CatalogDiff diff = new ModelCatalogSync(session).preview(client(), ProgressListener.NONE);
            assertThat(diff.added()).extracting(CatalogEntry::openrouterId).containsExactlyInAnyOrder(
                    "x-ai/grok-4", "openai/gpt-4o-audio-preview", "openrouter/auto", "tiny/no-context");
            assertThat(diff.changed()).extracting(CatalogDiff.Changed::openrouterId)
                    .containsExactlyInAnyOrder("openai/gpt-4o-mini", "anthropic/claude-3.5-sonnet");
            CatalogDiff.Changed claude = diff.changed().stream()
                    .filter(c -> c.openrouterId().startsWith("anthropic")).findFirst().orElseThrow();
            assertThat(claude.changes()).extracting(CatalogDiff.FieldChange::column)
                    .containsExactlyInAnyOrder("pricing_prompt", "input_cost_per_million");
            assertThat(diff.deactivated()).containsExactly("mistralai/mistral-small-3.2-24b-instruct");
            assertThat(diff.unchanged()).isEqualTo(2);
            assertThat(diff.skipped()).extracting(CatalogRules.Skipped::openrouterId).containsExactly(
                    "openai/text-embedding-3-small", "black-forest-labs/flux-image-only", "openai/gpt-4o-mini");
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
        }
        assertThat(count(db, "select count(*) from ai_models")).isEqualTo(6);
    }

    @Test
    @Order(2)
    void applyUpsertsLikeTheCronAndDeactivatesWithoutDeleting(TestDatabase db) throws Exception {
        server.enqueue(RecordedModels.response(RecordedModels.json()));
        AuditLog audit = new AuditLog(home.resolve("audit.jsonl"));
        try (DatabaseSession session = db.openSession()) {
            ModelCatalogSync sync = new ModelCatalogSync(session);
            ModelCatalogSync.Applied applied = sync.apply(sync.preview(client(), ProgressListener.NONE), audit,
                    ProgressListener.NONE);
            assertThat(applied.inserted()).isEqualTo(4);
            assertThat(applied.updated()).isEqualTo(2);
            assertThat(applied.deactivated()).isEqualTo(1);
        }
        Map<String, String> grok = row(db, "x-ai/grok-4");
        assertThat(grok).containsEntry("display_name", "xAI: Grok 4").containsEntry("provider", "x-ai")
                .containsEntry("modality", "text").containsEntry("context_length", "256000")
                .containsEntry("max_tokens", "8000").containsEntry("pricing_prompt", "0.000003")
                .containsEntry("input_cost_per_million", "3").containsEntry("output_cost_per_million", "15")
                .containsEntry("is_active", "t").containsEntry("is_curated", "f");
        assertThat(grok.get("capabilities")).isEqualTo(
                "{\"vision\": true, \"web_search\": false, \"tool_calling\": true}");
        assertThat(grok.get("created_at")).isNotNull();
        assertThat(row(db, "tiny/no-context")).containsEntry("max_tokens", "4000")
                .containsEntry("display_name", "tiny/no-context").containsEntry("provider", "tiny");
        assertThat(row(db, "openai/gpt-4o-audio-preview")).containsEntry("modality", "audio");
        assertThat(row(db, "google/gemini-2.5-flash-image-preview")).containsEntry("modality", "image");
        assertThat(row(db, "openai/gpt-4o-mini").get("capabilities")).contains("\"web_search\": true");
        assertThat(row(db, "mistralai/mistral-small-3.2-24b-instruct")).containsEntry("is_active", "f");
        assertThat(row(db, "openai/gpt-4-turbo-preview")).containsEntry("is_active", "f");
        assertThat(count(db, "select count(*) from ai_models")).isEqualTo(10);
        assertThat(count(db, "select count(*) from ai_models where last_synced_at = (select max(last_synced_at) from ai_models)"))
                .isEqualTo(8);
        assertThat(audit.read()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("models.sync");
            assertThat(e.details()).containsEntry("inserted", 4).containsEntry("deactivated", 1);
        });
    }

    @Test
    @Order(3)
    void aSecondSyncOfTheSameFeedChangesNothingAndAReturningModelIsReactivated(TestDatabase db) throws Exception {
        server.enqueue(RecordedModels.response(RecordedModels.json()));
        try (DatabaseSession session = db.openSession()) {
            CatalogDiff diff = new ModelCatalogSync(session).preview(client(), ProgressListener.NONE);
            assertThat(diff.isEmpty()).isTrue();
            assertThat(diff.unchanged()).isEqualTo(8);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("update ai_models set is_active = false where openrouter_id = 'x-ai/grok-4'");
        }
        server.enqueue(RecordedModels.response(RecordedModels.json()));
        try (DatabaseSession session = db.openSession()) {
            CatalogDiff diff = new ModelCatalogSync(session).preview(client(), ProgressListener.NONE);
            assertThat(diff.changed()).singleElement().satisfies(c -> assertThat(c.changes())
                    .containsExactly(new CatalogDiff.FieldChange("is_active", "false", "true")));
        }
    }

    @Test
    @Order(4)
    void badFeedsAreRefusedAndNothingIsWritten(TestDatabase db) throws Exception {
        long before = count(db, "select count(*) from ai_models where is_active");
        try (DatabaseSession session = db.openSession()) {
            ModelCatalogSync sync = new ModelCatalogSync(session);
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                    .body("<html><body>Cloudflare</body></html>").build());
            assertThatThrownBy(() -> sync.preview(client(), ProgressListener.NONE))
                    .isInstanceOf(OpenRouterException.class)
                    .satisfies(e -> assertThat(((OpenRouterException) e).kind())
                            .isEqualTo(OpenRouterException.Kind.NOT_JSON));
            server.enqueue(RecordedModels.response("{\"data\":[{\"id\":\"a/b\",\"name\":\"x\""));
            assertThatThrownBy(() -> sync.preview(client(), ProgressListener.NONE))
                    .isInstanceOf(OpenRouterException.class)
                    .satisfies(e -> assertThat(((OpenRouterException) e).kind())
                            .isEqualTo(OpenRouterException.Kind.TRUNCATED_JSON));
            server.enqueue(RecordedModels.response(""));
            assertThatThrownBy(() -> sync.preview(client(), ProgressListener.NONE))
                    .isInstanceOf(OpenRouterException.class);
            server.enqueue(RecordedModels.response("{\"data\":[]}"));
            assertThatThrownBy(() -> sync.preview(client(), ProgressListener.NONE))
                    .isInstanceOf(OperatorException.class).hasMessageContaining("no usable model");
        }
        assertThat(count(db, "select count(*) from ai_models where is_active")).isEqualTo(before);
    }

    static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, String> row(TestDatabase db, String openrouterId) throws Exception {
        try (Connection c = db.connect();
             var st = c.prepareStatement("select * from ai_models where openrouter_id = ?")) {
            st.setString(1, openrouterId);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("row " + openrouterId).isTrue();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
                return row;
            }
        }
    }
}
