package jobs.x402.console.ui.resources;

import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.tasks.SameThreadTaskRunner;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Resources page's view model without a toolkit: a test-run streams from a real local HTTP server into the
 * view model's live text; the states after a completed, a refused and a cancelled run are what the page shows.
 */
@ExtendWith(DatabaseExtension.class)
class ResourcesViewModelTest {
    private static final boolean TOOLKIT_BEFORE = jobs.x402.console.ui.tasks.NoToolkit.isRunning();
    private static final MockWebServer SERVER = new MockWebServer();
    private static final int TOKENS = 2_000;

    @TempDir
    static Path home;

    private final SameThreadTaskRunner tasks = new SameThreadTaskRunner();
    private final List<ErrorText> errors = new ArrayList<>();
    private final StringBuilder view = new StringBuilder();
    private ConsoleContext context;
    private ResourcesViewModel model;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        InstantFixtures.applyMigration(db);
        InstantFixtures.storeKey(db, InstantFixtures.ALICE, InstantFixtures.KEY, InstantFixtures.SECRET, true);
        InstantFixtures.insertResource(db, "vm-echo", "alice-labs", "openai/gpt-4o-mini",
                "{\"systemPrompt\":\"Answer briefly.\",\"maxTokens\":512}", "[]", true);
        SERVER.start();
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.close();
    }

    @BeforeEach
    void connect(TestDatabase db) {
        ConsoleEnvironment environment = new ConsoleEnvironment(ConsoleHome.fromEnvironment(
                Map.of(ConsoleHome.HOME_VARIABLE, home.toString())), Map.of());
        context = new ConsoleContext(environment, tasks);
        context.onError(errors::add);
        model = new ResourcesViewModel(context);
        model.output.attach(view::append, () -> view.setLength(0));
        context.setSession(ConsoleSession.open(environment, db.target(), ProgressListener.NONE));
        model.typeFilter.set(ResourcesViewModel.ALL);
        model.refresh();
        model.open(model.resources.stream().filter(r -> "vm-echo".equals(r.slug())).findFirst().orElseThrow());
        model.openRouterUrl.set(SERVER.url("/api/v1").toString());
        model.userMessage.set("hello");
    }

    @org.junit.jupiter.api.AfterAll
    static void noToolkitWasNeeded() {
        jobs.x402.console.ui.tasks.NoToolkit.assertNotStarted(TOOLKIT_BEFORE);
    }

    @AfterEach
    void close() {
        context.session().close();
    }

    static String stream(int tokens) {
        return stream(tokens, 0);
    }

    /** {@code tokens} content deltas "t0 ", "t1 "…; every {@code lineEvery}-th ends a line instead (0: never). */
    static String stream(int tokens, int lineEvery) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            body.append("data: {\"id\":\"gen-vm\",\"model\":\"openai/gpt-4o-mini\",\"choices\":[{\"index\":0,")
                    .append("\"delta\":{\"content\":\"t").append(i).append(endsLine(i, lineEvery) ? "\\n" : " ")
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: {\"id\":\"gen-vm\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],")
                .append("\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":").append(tokens)
                .append(",\"total_tokens\":").append(tokens + 9).append(",\"cost\":0.0021}}\n\ndata: [DONE]\n\n");
        return body.toString();
    }

    static String expectedText(int tokens) {
        return expectedText(tokens, 0);
    }

    static String expectedText(int tokens, int lineEvery) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append('t').append(i).append(endsLine(i, lineEvery) ? '\n' : ' ');
        }
        return text.toString();
    }

    private static boolean endsLine(int token, int lineEvery) {
        return lineEvery > 0 && (token + 1) % lineEvery == 0;
    }

    @Test
    void aCompletedRunShowsEveryTokenOnceInOrderWithItsFigures() {
        assertThat(model.editing.get()).isNotNull();
        SERVER.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(stream(TOKENS)).build());
        model.setTypedSecret(InstantFixtures.SECRET.toCharArray());
        model.run();
        assertThat(errors).isEmpty();
        assertThat(model.runError.get()).isNull();
        assertThat(model.runStatus.get()).isEqualTo("COMPLETED");
        assertThat(model.running.get()).isFalse();
        assertThat(model.output.text()).isEqualTo(expectedText(TOKENS));
        assertThat(view.toString()).as("the view got the same text, appended").isEqualTo(expectedText(TOKENS));
        assertThat(model.output.drains()).isBetween(1L, (long) TOKENS);
        assertThat(model.runFigures.get()).contains("cost 0.0021 USD").contains("generation gen-vm");
        assertThat(model.history).isNotEmpty();
        assertThat(model.requestPreview.get()).contains("Bearer sk-or-v1-••••").doesNotContain(InstantFixtures.KEY);
    }

    @Test
    void aResourceIsRetypedAndDeletedOnlyAfterTheConfirmationAndTheEditorLetsGoOfIt(TestDatabase db)
            throws Exception {
        InstantFixtures.insertResource(db, "vm-doomed", "carol-ai", "openai/gpt-4o-mini",
                "{\"systemPrompt\":\"Bye\"}", "[]", false);
        List<String> asked = new ArrayList<>();
        String[] typed = {"wrong-name"};
        ResourcesViewModel page = new ResourcesViewModel(context, new jobs.x402.console.ui.Dialogs() {
            @Override
            public boolean confirm(jobs.x402.console.target.TargetIdentity target, String title, String text,
                                   String sql, String action) {
                asked.add(title + " | " + sql);
                return true;
            }

            @Override
            public String confirmTyped(jobs.x402.console.target.TargetIdentity target, String title, String text,
                                       String sql, String action) {
                asked.add(title + " | " + sql);
                return typed[0];
            }
        });
        page.typeFilter.set(ResourcesViewModel.ALL);
        page.refresh();
        var doomed = page.resources.stream().filter(r -> "vm-doomed".equals(r.slug())).findFirst().orElseThrow();

        page.retype(doomed, "static");
        assertThat(asked).singleElement().asString().startsWith("Change the type of vm-doomed | update");
        assertThat(InstantFixtures.query(db, "select resource_type from x402_resources where slug = 'vm-doomed'"))
                .isEqualTo("static");
        assertThat(page.editorStatus.get()).isEqualTo("Changed the type of resource vm-doomed (carol-ai) to static.");

        page.delete(doomed);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.problem())
                .contains("needs a confirmation naming the database"));
        assertThat(InstantFixtures.query(db, "select count(*) from x402_resources where slug = 'vm-doomed'"))
                .isEqualTo("1");

        typed[0] = db.name();
        page.delete(page.resources.stream().filter(r -> "vm-doomed".equals(r.slug())).findFirst().orElseThrow());
        assertThat(InstantFixtures.query(db, "select count(*) from x402_resources where slug = 'vm-doomed'"))
                .isEqualTo("0");
        assertThat(page.resources).noneMatch(r -> "vm-doomed".equals(r.slug()));
        assertThat(page.editorStatus.get()).isEqualTo("Deleted resource vm-doomed (carol-ai).");
    }

    @Test
    void aRunWithoutTheSecretIsNotSentAndSaysWhatToSet() {
        int before = SERVER.getRequestCount();
        model.setTypedSecret(null);
        model.secretVariable.set("VM_TEST_SECRET_NOT_SET");
        model.run();
        assertThat(model.runStatus.get()).isEqualTo("Not sent");
        assertThat(model.running.get()).isFalse();
        assertThat(model.runError.get().problem()).contains("VM_TEST_SECRET_NOT_SET is not set");
        assertThat(model.runError.get().remedy()).doesNotContain("--").contains("Integration secret: type it");
        assertThat(SERVER.getRequestCount()).isEqualTo(before);
        assertThat(model.output.text()).isEmpty();
    }

    @Test
    void aRunCancelledBeforeTheStreamSendsNothing() {
        int before = SERVER.getRequestCount();
        model.setTypedSecret(InstantFixtures.SECRET.toCharArray());
        tasks.cancelTaskTitled("Test-run");
        model.run();
        assertThat(model.runStatus.get()).isEqualTo("CANCELLED");
        assertThat(model.running.get()).isFalse();
        assertThat(model.runError.get()).isNull();
        assertThat(SERVER.getRequestCount()).isEqualTo(before);
    }

    @Test
    void aNewResourcesSlugFollowsItsNameUntilTheOperatorWritesOne() {
        assertThat(ResourcesViewModel.slugOf("Résumé Writer (EN)")).isEqualTo("resume-writer-en");
        assertThat(ResourcesViewModel.slugOf("  --Summarise!! 2 texts--  ")).isEqualTo("summarise-2-texts");
        assertThat(ResourcesViewModel.slugOf("x".repeat(80))).hasSize(63);
        assertThat(jobs.x402.console.resources.InstantResourceEditor.SLUG.matcher(
                ResourcesViewModel.slugOf("Ünïcödé · names")).matches()).isTrue();

        ResourcesViewModel editor = new ResourcesViewModel(context);
        editor.newResource();
        editor.name.set("Haiku Maker");
        assertThat(editor.slug.get()).isEqualTo("haiku-maker");
        editor.slug.set("haiku");
        editor.name.set("Haiku Maker Pro");
        assertThat(editor.slug.get()).as("the operator's own slug stays").isEqualTo("haiku");
        editor.newResource();
        editor.name.set("Limerick");
        assertThat(editor.slug.get()).as("a new resource follows its name again").isEqualTo("limerick");
    }
}
