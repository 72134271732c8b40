package jobs.x402.console.resources;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Create, update, list and show on a database with migration 005 applied by its own engine. */
@ExtendWith(DatabaseExtension.class)
class InstantResourceEditorTest {
    @TempDir
    Path home;

    @BeforeAll
    static void migrate(TestDatabase db) throws Exception {
        InstantFixtures.applyMigration(db);
        InstantFixtures.insertResource(db, "nested-only", "carol-ai", "openai/gpt-4o-mini",
                "{\"modelId\":\"openai/gpt-4o-mini\",\"systemPrompt\":\"Summarise {text}{/text}\","
                        + "\"params\":{\"temperature\":0.3,\"maxTokens\":300}}",
                "[{\"name\":\"text\",\"required\":true}]", false);
        InstantFixtures.insertResource(db, "broken-json", "carol-ai", "openai/gpt-4o-mini", "null", "[]", false);
        try (var c = db.connect(); var st = c.createStatement()) {
            // a config that is not JSON at all can only come from outside; jsonb keeps a JSON string of it
            st.execute("update x402_resources set openrouter_config = to_jsonb('{\"systemPrompt\": oops'::text)"
                    + " where slug = 'broken-json'");
        }
    }

    static ResourceDraft haiku(String slug) {
        return new ResourceDraft("Haiku (instant)", slug, "Three lines", "alice-labs", "openai/gpt-4o-mini",
                new InstantConfig("Write a haiku about {topic}{/topic} in a {mood}{/mood} mood.", 0.7, 512, null,
                        0.2, null, null),
                List.of(new PromptParameter("topic", "What it is about", true, null),
                        new PromptParameter("mood", "Tone", false, "calm")),
                false, new BigDecimal("0.02"), "solana", null, true);
    }

    @Test
    void createWritesBothShapesEqualAndThePtCopies(TestDatabase db) throws Exception {
        AuditLog audit = new AuditLog(home.resolve("audit.jsonl"));
        try (DatabaseSession session = db.openSession()) {
            ResourceDetails d = new InstantResourceEditor(session).create(haiku("haiku-instant"), audit);
            assertThat(d.findings()).isEmpty();
            assertThat(d.creatorId()).isEqualTo(InstantFixtures.ALICE);
            assertThat(d.payTo()).as("taken from the server's other solana resources")
                    .isEqualTo("A1iceSoLanaPayToAddress1111111111111111111");
            assertThat(d.resourceUrl()).isEqualTo("https://x402.jobs/r/alice-labs/haiku-instant");
        }
        JsonNode config = Json.mapper().readTree(InstantFixtures.query(db,
                "select openrouter_config::text from x402_resources where slug = 'haiku-instant'"));
        assertThat(config.path("modelId").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(config.path("systemPrompt").asText()).startsWith("Write a haiku");
        for (String key : List.of("temperature", "maxTokens", "frequencyPenalty")) {
            assertThat(config.path(key)).as(key).isEqualTo(config.path("params").path(key));
        }
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(config.has("topP")).isFalse();
        assertThat(config.has("presencePenalty")).isFalse();
        assertThat(InstantFixtures.query(db, "select pt_system_prompt = openrouter_config->>'systemPrompt' and"
                + " pt_max_tokens = 512 and not pt_allows_user_message and resource_type = 'openrouter_instant'"
                + " and network = 'solana' and price_usdc = 0.02"
                + " from x402_resources where slug = 'haiku-instant'")).isEqualTo("t");
        assertThat(InstantFixtures.query(db, "select pt_parameters::text from x402_resources"
                + " where slug = 'haiku-instant'")).isEqualTo("[{\"name\": \"topic\", \"required\": true, "
                + "\"description\": \"What it is about\"}, {\"name\": \"mood\", \"default\": \"calm\", "
                + "\"required\": false, \"description\": \"Tone\"}]");
        assertThat(audit.read()).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("resources.create"));
    }

    @Test
    void badDraftsAreRefusedWholeAndNothingIsWritten(TestDatabase db) throws Exception {
        String before = InstantFixtures.query(db, "select count(*) from x402_resources");
        try (DatabaseSession session = db.openSession()) {
            InstantResourceEditor editor = new InstantResourceEditor(session);
            ResourceDraft ok = haiku("refused");
            List<ResourceDraft> bad = List.of(
                    new ResourceDraft(ok.name(), ok.slug(), null, ok.server(), null, ok.config(), ok.parameters(),
                            false, null, null, null, true),
                    new ResourceDraft(ok.name(), ok.slug(), null, ok.server(), "no/such-model", ok.config(),
                            ok.parameters(), false, null, null, null, true),
                    new ResourceDraft(ok.name(), ok.slug(), null, "no-such-server", ok.model(), ok.config(),
                            ok.parameters(), false, null, null, null, true),
                    ok.withConfig(new InstantConfig("x".repeat(10 * 1024 * 1024), null, null, null, null, null, null)),
                    ok.withConfig(new InstantConfig("", null, null, null, null, null, null)),
                    ok.withConfig(new InstantConfig("P", 2.5, 9000, 1.5, -3.0, 3.0, null)),
                    new ResourceDraft(ok.name(), "Bad Slug!", null, ok.server(), ok.model(), ok.config(),
                            ok.parameters(), false, null, null, null, true),
                    new ResourceDraft(ok.name(), "haiku", null, ok.server(), ok.model(), ok.config(),
                            ok.parameters(), false, null, "mainnet", null, true),
                    new ResourceDraft(ok.name(), "dup-params", null, ok.server(), ok.model(), ok.config(),
                            List.of(new PromptParameter("a", null, false, null),
                                    new PromptParameter("a", null, false, null)), false, null, null, null, true),
                    new ResourceDraft(ok.name(), "no-pay-to", null, "carol-ai", ok.model(), ok.config(),
                            ok.parameters(), false, null, "polygon", null, true));
            for (ResourceDraft draft : bad) {
                assertThatThrownBy(() -> editor.create(draft, null)).as(draft.toString())
                        .isInstanceOf(OperatorException.class).hasMessageStartingWith("Nothing written");
            }
            ResourceDraft tooMany = ok.withConfig(new InstantConfig("P", 2.5, 9000, 1.5, -3.0, 3.0, null));
            assertThat(editor.check(tooMany, null).findings()).extracting(ConfigFinding::field)
                    .contains("temperature", "maxTokens", "topP", "frequencyPenalty", "presencePenalty");
        }
        assertThat(InstantFixtures.query(db, "select count(*) from x402_resources")).isEqualTo(before);
    }

    @Test
    void theValidatorFlagsANestedOnlyConfigAndUpdateRepairsIt(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession()) {
            ResourceCatalog catalog = new ResourceCatalog(session);
            ResourceDetails d = catalog.find("nested-only", null);
            assertThat(d.findings()).extracting(ConfigFinding::message).anyMatch(m -> m.equals(
                    "live backend will run this with temperature 1.0, not 0.3: it reads only the flat key temperature"))
                    .anyMatch(m -> m.contains("max_tokens 4096, not 300"));
            ResourceDraft draft = ResourceDraft.of(d);
            assertThat(draft.config().temperature()).isEqualTo(0.3);
            ResourceDetails repaired = new InstantResourceEditor(session).update(d, draft, null);
            assertThat(repaired.findings()).isEmpty();
            InstantRequestBuilder.RequestComparison comparison = InstantRequestBuilder.compare(
                    repaired.definition(), new RunInputs(java.util.Map.of("text", "hi"), null));
            assertThat(comparison.identical()).isTrue();
            assertThat(comparison.live().request().toJson()).contains("\"temperature\":0.3,\"max_tokens\":300");
        }
    }

    @Test
    void theListPutsInstantResourcesFirstAndFilters(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession()) {
            ResourceCatalog catalog = new ResourceCatalog(session);
            List<ResourceSummary> all = catalog.list(ResourceFilter.all());
            assertThat(all.get(0).resourceType()).isEqualTo("openrouter_instant");
            assertThat(all).extracting(ResourceSummary::resourceType).contains("external", "prompt_template");
            ResourceSummary broken = all.stream().filter(r -> "broken-json".equals(r.slug())).findFirst()
                    .orElseThrow();
            assertThat(broken.count(ConfigFinding.Severity.ERROR)).isPositive();
            assertThat(catalog.list(new ResourceFilter(null, "bob-tools", false, null)))
                    .extracting(ResourceSummary::slug).containsExactly("old-quotes");
            assertThat(catalog.list(new ResourceFilter("openrouter_instant", "carol-ai", null, "nest")))
                    .extracting(ResourceSummary::slug).containsExactly("nested-only");
        }
    }

    @Test
    void aConfigThatIsNotAnObjectIsShownAndRefusedNotCrashed(TestDatabase db) {
        try (DatabaseSession session = db.openSession()) {
            ResourceDetails d = new ResourceCatalog(session).find("broken-json", "carol-ai");
            assertThat(d.configProblem()).contains("not an object");
            assertThatThrownBy(d::definition).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("not an object");
            assertThatThrownBy(() -> new ResourceCatalog(session).find("weather-now", null))
                    .hasMessageContaining("not openrouter_instant");
            assertThatThrownBy(() -> new ResourceCatalog(session).find("nope", null))
                    .hasMessageContaining("No resource with slug nope");
        }
    }
}
