package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `models sync` and `resources …` end to end: the CLI, a migrated test database and a mock OpenRouter. */
@ExtendWith(DatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourcesCommandTest {
    // ResourcesCommandShippedTest runs every step again on the shipped schema variant
    @StartStop
    final MockWebServer server = new MockWebServer();

    private static Path home;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        Files.createDirectories(Path.of("target"));
        home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "resources-cli-");
        InstantFixtures.applyMigration(db);
        InstantFixtures.storeKey(db, InstantFixtures.ALICE, InstantFixtures.KEY, InstantFixtures.SECRET, true);
        InstantFixtures.storeKey(db, InstantFixtures.CAROL, InstantFixtures.KEY, InstantFixtures.SECRET, false);
    }

    private Map<String, String> env(TestDatabase db) {
        Map<String, String> env = new HashMap<>();
        if (db.target().password() != null) {
            env.put("PGPASSWORD", db.target().password().reveal());
        }
        env.put("INTEGRATION_ENCRYPTION_SECRET", InstantFixtures.SECRET);
        env.put("OPENROUTER_BASE_URL", server.url("/api/v1").toString());
        return env;
    }

    private CliRun cli(TestDatabase db, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--user", "postgres", "--quiet"));
        return CliRun.run(home, env, all.toArray(String[]::new));
    }

    private CliRun cli(TestDatabase db, String... args) {
        return cli(db, env(db), args);
    }

    static String recordedModels() throws IOException {
        try (InputStream in = ResourcesCommandTest.class.getResourceAsStream("/resources/openrouter-models.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static MockResponse sse(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .addHeader("X-Generation-Id", "gen-cli-1").body(body).build();
    }

    static String chunk(String content) {
        return "data: {\"id\":\"gen-cli-1\",\"model\":\"openai/gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    static final String STREAM = ": OPENROUTER PROCESSING\n\n" + chunk("Rain on ") + chunk("the roof")
            + "data: {\"id\":\"gen-cli-1\",\"model\":\"openai/gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":"
            + "4,\"total_tokens\":35,\"cost\":0.0000123}}\n\ndata: [DONE]\n\n";

    static MockResponse error(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}").build();
    }

    @Test
    @Order(1)
    void modelsSyncShowsTheDiffAndNeedsYes(TestDatabase db) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(recordedModels()).build());
        CliRun preview = cli(db, "models", "sync", "--json");
        assertThat(preview.exitCode).as(preview.toString()).isEqualTo(4);
        assertThat(preview.out).contains("\"added\"").contains("x-ai/grok-4");
        assertThat(InstantFixtures.query(db, "select count(*) from " + db.variant().modelCatalog())).isEqualTo("6");

        server.enqueue(new MockResponse.Builder().code(200).body(recordedModels()).build());
        CliRun apply = cli(db, "models", "sync", "--yes");
        assertThat(apply.exitCode).as(apply.toString()).isZero();
        assertThat(apply.out).contains("+ x-ai/grok-4").contains("- mistralai/mistral-small-3.2-24b-instruct")
                .contains("applied: 4 inserted, 2 updated, 1 deactivated");
        assertThat(InstantFixtures.query(db, "select count(*) from " + db.variant().modelCatalog())).isEqualTo("10");
    }

    @Test
    @Order(2)
    void createThenPreviewShowsTheMaskedRequestIdenticalToTheLiveBackends(TestDatabase db) {
        CliRun create = cli(db, "resources", "create", "--slug", "haiku-now", "--server", "alice-labs",
                "--name", "Haiku now", "--model", "openai/gpt-4o-mini", "--network", "solana",
                "--system-prompt", "Write a haiku about {topic}{/topic}, {mood}{/mood}.",
                "--parameter", "topic*:What it is about", "--parameter", "mood=calm", "--temperature", "0.5",
                "--max-tokens", "200", "--json");
        assertThat(create.exitCode).as(create.toString()).isZero();
        assertThat(create.json().path("findings").size()).isZero();
        assertThat(create.json().path("openrouterConfig").path("params").path("temperature").asDouble())
                .isEqualTo(0.5);

        CliRun preview = cli(db, "resources", "preview", "haiku-now", "--param", "topic=rain", "--json");
        assertThat(preview.exitCode).as(preview.toString()).isZero();
        JsonNode doc = preview.json();
        assertThat(doc.path("identicalToLiveBackend").asBoolean()).isTrue();
        assertThat(doc.path("request").path("headers").path("Authorization").asText())
                .isEqualTo("Bearer sk-or-v1-••••");
        assertThat(doc.path("request").path("body").path("messages").path(0).path("content").asText())
                .isEqualTo("Write a haiku about rain, calm.");
        assertThat(doc.path("request").path("body").path("stream").asBoolean()).isTrue();
        assertThat(doc.path("liveBackendBody").path("stream").asBoolean()).isFalse();
        assertThat(preview.out).doesNotContain(InstantFixtures.KEY);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @Order(3)
    void runStreamsWithTheCreatorsKeyAndKeepsHistoryWithoutIt(TestDatabase db) throws Exception {
        server.enqueue(sse(STREAM));
        CliRun run = cli(db, "resources", "run", "haiku-now", "--param", "topic=rain", "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + InstantFixtures.KEY);
        assertThat(sent.getHeaders().get("HTTP-Referer")).isEqualTo("https://x402.jobs");
        assertThat(sent.getBody().utf8()).isEqualTo("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":"
                + "\"system\",\"content\":\"Write a haiku about rain, calm.\"},{\"role\":\"user\",\"content\":"
                + "\"Please respond based on the system instructions.\"}],\"temperature\":0.5,\"max_tokens\":200,"
                + "\"top_p\":1,\"stream\":true}");
        JsonNode record = run.json().path("run");
        assertThat(record.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(record.path("text").asText()).isEqualTo("Rain on the roof");
        assertThat(record.path("cost").decimalValue()).isEqualByComparingTo("0.0000123");
        assertThat(record.path("promptTokens").asInt()).isEqualTo(31);
        assertThat(record.path("generationId").asText()).isEqualTo("gen-cli-1");
        assertThat(record.has("timeToFirstTokenMillis")).isTrue();

        server.enqueue(sse(STREAM));
        CliRun human = cli(db, "resources", "run", "haiku-now", "--param", "topic=snow", "--param",
                "mood=wistful", "--openrouter-url", server.url("/api/v1").toString());
        assertThat(human.exitCode).as(human.toString()).isZero();
        assertThat(human.out).contains("Rain on the roof").contains("cost 0.0000123 USD")
                .contains("time to first token");

        String history = Files.readString(home.resolve("data/resource-runs.jsonl"));
        assertThat(history.lines()).hasSize(2);
        assertThat(history).doesNotContain(InstantFixtures.KEY).doesNotContain("sk-or-v1-0123");
        String logs = readLogs();
        assertThat(logs).doesNotContain(InstantFixtures.KEY);

        String first = history.lines().findFirst().orElseThrow().substring(7, 15);
        String second = history.lines().skip(1).findFirst().orElseThrow().substring(7, 15);
        CliRun compare = CliRun.run(home, Map.of(), "resources", "compare", first, second, "--json");
        assertThat(compare.exitCode).as(compare.toString()).isZero();
        assertThat(compare.out).contains("\"label\" : \"parameters\"").contains("wistful");
        CliRun list = CliRun.run(home, Map.of(), "resources", "history");
        assertThat(list.exitCode).isZero();
        assertThat(list.out.lines()).hasSize(2);
    }

    @Test
    @Order(4)
    void typedFailuresExitNonZeroWithThePlainReason(TestDatabase db) throws Exception {
        server.enqueue(error(402, "Insufficient credits"));
        CliRun credits = cli(db, "resources", "run", "haiku-now", "--param", "topic=x", "--json");
        assertThat(credits.exitCode).as(credits.toString()).isEqualTo(5);
        assertThat(credits.json().path("run").path("errorKind").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(credits.json().path("run").path("errorRemedy").asText()).containsIgnoringCase("credit");

        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>502 Bad Gateway</html>").build());
        CliRun html = cli(db, "resources", "run", "haiku-now", "--param", "topic=x");
        assertThat(html.exitCode).as(html.toString()).isEqualTo(5);
        assertThat(html.err).contains("error:");

        server.enqueue(error(401, "User not found."));
        CliRun invalid = cli(db, "resources", "run", "haiku-now", "--param", "topic=x", "--mark-invalid-on-401");
        assertThat(invalid.exitCode).as(invalid.toString()).isEqualTo(3);
        assertThat(invalid.err).contains("is_valid = false");
        assertThat(InstantFixtures.query(db, "select is_valid from " + db.variant().keyTable() + " where user_id = '"
                + InstantFixtures.ALICE + "'")).isEqualTo("f");
    }

    @Test
    @Order(5)
    void badInputIsRefusedBeforeAnythingIsSent(TestDatabase db) throws Exception {
        int requests = server.getRequestCount();
        CliRun missing = cli(db, "resources", "run", "haiku-now", "--json");
        assertThat(missing.exitCode).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err).contains("Missing required parameter: topic");

        CliRun nonString = cli(db, "resources", "run", "haiku-now", "--params-json", "{\"topic\": 7}");
        assertThat(nonString.exitCode).isEqualTo(2);
        assertThat(nonString.err).contains("must be a string");

        CliRun userMessage = cli(db, "resources", "run", "haiku-now", "--param", "topic=x", "--user-message", "hi");
        assertThat(userMessage.exitCode).isEqualTo(2);
        assertThat(userMessage.err).contains("User message not allowed");

        Map<String, String> noSecret = env(db);
        noSecret.remove("INTEGRATION_ENCRYPTION_SECRET");
        CliRun unloaded = cli(db, noSecret, "resources", "run", "haiku-now", "--param", "topic=x");
        assertThat(unloaded.exitCode).isEqualTo(2);
        assertThat(unloaded.err).contains("INTEGRATION_ENCRYPTION_SECRET is not set");

        Map<String, String> wrong = env(db);
        wrong.put("OTHER_SECRET", "not the one");
        CliRun wrongSecret = cli(db, wrong, "resources", "run", "haiku-now", "--param", "topic=x",
                "--secret-env", "OTHER_SECRET");
        assertThat(wrongSecret.exitCode).as(wrongSecret.toString()).isEqualTo(5);
        assertThat(wrongSecret.err).contains("cannot be decrypted");

        InstantFixtures.insertResource(db, "carol-instant", "carol-ai", "openai/gpt-4o-mini",
                "{\"systemPrompt\":\"Hello\"}", "[]", true);
        CliRun disabled = cli(db, "resources", "run", "carol-instant");
        assertThat(disabled.exitCode).isEqualTo(2);
        assertThat(disabled.err).contains("is disabled");

        Path huge = home.resolve("huge-prompt.txt");
        Files.writeString(huge, "y".repeat(10 * 1024 * 1024));
        String before = InstantFixtures.query(db, "select count(*) from x402_resources");
        CliRun tooBig = cli(db, "resources", "create", "--slug", "huge", "--server", "alice-labs", "--name", "Huge",
                "--model", "openai/gpt-4o-mini", "--network", "solana", "--system-prompt-file", huge.toString());
        assertThat(tooBig.exitCode).isEqualTo(2);
        assertThat(tooBig.err).contains("Nothing written").contains("10,485,760 bytes");
        assertThat(InstantFixtures.query(db, "select count(*) from x402_resources")).isEqualTo(before);
        Files.delete(huge);

        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("update x402_resources set openrouter_model_id = null where slug = 'carol-instant'");
        }
        CliRun noModel = cli(db, "resources", "preview", "carol-instant");
        assertThat(noModel.exitCode).isEqualTo(2);
        assertThat(noModel.err).contains("has no model");

        assertThat(server.getRequestCount()).isEqualTo(requests);
    }

    @Test
    @Order(6)
    void listAndShowSpeakJson(TestDatabase db) {
        CliRun list = cli(db, "resources", "list", "--type", "openrouter_instant", "--json");
        assertThat(list.exitCode).as(list.toString()).isZero();
        assertThat(list.json().path("resources").findValuesAsText("slug")).contains("haiku-now", "carol-instant");
        CliRun show = cli(db, "resources", "show", "carol-instant", "--json");
        assertThat(show.exitCode).isZero();
        assertThat(show.json().path("findings").toString()).contains("openrouter_model_id");
        CliRun update = cli(db, "resources", "update", "haiku-now", "--temperature", "0.9", "--unset",
                "top-p", "--json");
        assertThat(update.exitCode).as(update.toString()).isZero();
        assertThat(update.json().path("openrouterConfig").path("temperature").asDouble()).isEqualTo(0.9);
    }

    private static String readLogs() throws IOException {
        Path logs = home.resolve("data/logs");
        if (!Files.exists(logs)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
