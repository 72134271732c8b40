package jobs.x402.console.ui.resources;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.resources.InstantFixtures;
import jobs.x402.console.resources.ModelChoice;
import jobs.x402.console.resources.ResourceSummary;
import jobs.x402.console.resources.RunHistory;
import jobs.x402.console.resources.RunRecord;
import jobs.x402.console.resources.ServerChoice;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.ui.ConsoleApp;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Resources page in the real window: editor, model picker, prompt highlighting and test-runs, headless. */
@ExtendWith({DatabaseExtension.class, ApplicationExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResourcesPageUiTest {
    private static ConsoleHome home;
    private static final MockWebServer SERVER = new MockWebServer();
    private static TestDatabase database;
    private ConsoleApp.Window window;

    @BeforeAll
    static void prepare(TestDatabase db) throws Exception {
        database = db;
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-resources-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        InstantFixtures.applyMigration(db);
        InstantFixtures.storeKey(db, InstantFixtures.ALICE, InstantFixtures.KEY, InstantFixtures.SECRET, true);
        SERVER.start();
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.close();
    }

    @Start
    void start(Stage stage) throws IOException {
        window = ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
        window.controller().connected(database.openConsoleSession(home), "ui-test");
    }

    /** The streamed answer as the page shows it, read on the FX thread. */
    private String shownOutput() throws Exception {
        java.util.concurrent.FutureTask<String> read = new java.util.concurrent.FutureTask<>(() ->
                ((ResourcesController) window.controller().page("resources")).outputText());
        javafx.application.Platform.runLater(read);
        return read.get(10, TimeUnit.SECONDS);
    }

    private static void openPage(FxRobot robot) throws Exception {
        robot.clickOn("#nav-resources");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !robot.lookup("#serverField").queryComboBox().getItems().isEmpty());
    }

    /** Buttons may sit below a scroll pane's fold on the small headless screen: press them directly. */
    private static void fire(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(id).queryAs(Button.class).fire());
    }

    private static void set(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(text));
    }

    static String chunk(String content) {
        return "data: {\"id\":\"gen-ui\",\"model\":\"openai/gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    static final String STREAM = chunk("Soft rain ") + chunk("falls")
            + "data: {\"id\":\"gen-ui\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":3,\"total_tokens\":23,\"cost\":0.000042}}\n\n"
            + "data: [DONE]\n\n";

    /** One token, then keep-alives until the client hangs up. */
    static MockResponse endlessStream() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(new MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        sink.writeString(chunk("Never "), StandardCharsets.UTF_8);
                        sink.flush();
                        for (int i = 0; i < 300; i++) {
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                            sink.writeString(": OPENROUTER PROCESSING\n\n", StandardCharsets.UTF_8);
                            sink.flush();
                        }
                    }
                }).build();
    }

    @Test
    @Order(1)
    void theEditorCreatesAResourceWithTheModelPickerAndHighlightsUndeclaredTags(FxRobot robot) throws Exception {
        openPage(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "0 resource(s)".equals(
                robot.lookup("#resourceCount").queryAs(Label.class).getText()));
        fire(robot, "#newResource");
        set(robot, "#nameField", "Haiku from the window");
        set(robot, "#slugField", "ui-haiku");
        robot.interact(() -> {
            ComboBox<ServerChoice> servers = robot.lookup("#serverField").queryComboBox();
            servers.getSelectionModel().select(servers.getItems().stream()
                    .filter(s -> "alice-labs".equals(s.slug())).findFirst().orElseThrow());
        });
        set(robot, "#modelSearch", "gpt-4o-mini");
        ListView<ModelChoice> models = robot.lookup("#modelList").queryListView();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> models.getItems().size() == 1);
        robot.interact(() -> models.getSelectionModel().select(0));
        set(robot, "#promptField", "Write a haiku about {topic}{/topic} for {reader}{/reader}.");
        set(robot, "#parametersField", "topic*:What it is about");
        assertThat(robot.lookup("#undeclaredWarning").tryQuery()).isPresent();
        set(robot, "#parametersField", "topic*:What it is about\nreader=everyone");
        assertThat(robot.lookup("#undeclaredWarning").tryQuery()).isEmpty();
        set(robot, "#temperatureField", "0.4");
        robot.interact(() -> robot.lookup("#networkField").<String>queryComboBox().setValue("solana"));
        fire(robot, "#saveResource");
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#editorStatus").queryAs(Label.class)
                    .getText().startsWith("Saved"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("editor says: " + robot.lookup("#editorStatus").queryAs(Label.class).getText()
                    + " findings: " + robot.lookup("#findingList").queryListView().getItems(), e);
        }
        TableView<ResourceSummary> table = robot.lookup("#resourceTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> "ui-haiku".equals(r.slug())));
        assertThat(InstantFixtures.query(database, "select (openrouter_config->'params'->>'temperature') || '/'"
                + " || (openrouter_config->>'temperature') from x402_resources where slug = 'ui-haiku'"))
                .isEqualTo("0.4/0.4");
    }

    @Test
    @Order(2)
    void aBadValueIsShownAsAFindingAndNothingIsWritten(FxRobot robot) throws Exception {
        openPage(robot);
        fire(robot, "#newResource");
        set(robot, "#nameField", "Broken");
        set(robot, "#slugField", "ui-broken");
        set(robot, "#promptField", "P");
        set(robot, "#maxTokensField", "9000");
        fire(robot, "#saveResource");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#editorStatus").queryAs(Label.class)
                .getText().startsWith("Nothing written"));
        assertThat(InstantFixtures.query(database, "select count(*) from x402_resources where slug = 'ui-broken'"))
                .isEqualTo("0");
    }

    @Test
    @Order(2)
    void findingsAppearAsYouTypeAndTheSlugFollowsTheName(FxRobot robot) throws Exception {
        openPage(robot);
        fire(robot, "#newResource");
        set(robot, "#nameField", "Typed Live");
        assertThat(robot.lookup("#slugField").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo("typed-live");
        set(robot, "#maxTokensField", "9000");
        // no Check pressed: the editor checks by itself once the typing stops
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#editorStatus").queryAs(Label.class)
                .getText().contains("finding"));
        assertThat(robot.lookup("#findingList").queryListView().getItems()).isNotEmpty();
    }

    @Test
    @Order(3)
    void aTestRunStreamsLiveShowsCostAndCanBeCancelled(FxRobot robot) throws Exception {
        openPage(robot);
        TableView<ResourceSummary> table = robot.lookup("#resourceTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> "ui-haiku".equals(r.slug())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "ui-haiku".equals(
                robot.lookup("#slugField").queryTextInputControl().getText()));
        robot.clickOn("Test run");
        set(robot, "#openRouterUrl", SERVER.url("/api/v1").toString());
        robot.interact(() -> robot.lookup("#secretField").queryAs(PasswordField.class)
                .setText(InstantFixtures.SECRET));
        set(robot, "#runParameters", "topic=rain\nreader=");
        fire(robot, "#previewRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#comparison").queryAs(Label.class)
                .getText().startsWith("Identical"));
        assertThat(robot.lookup("#requestPreview").queryAs(TextArea.class).getText())
                .contains("Bearer sk-or-v1-••••").contains("Write a haiku about rain for everyone.")
                .doesNotContain(InstantFixtures.KEY);

        SERVER.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(STREAM).build());
        fire(robot, "#startRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "COMPLETED".equals(
                robot.lookup("#runStatus").queryAs(Label.class).getText()));
        assertThat(shownOutput()).isEqualTo("Soft rain falls");
        assertThat(robot.lookup("#runFigures").queryAs(Label.class).getText()).contains("cost 0.000042 USD")
                .contains("first token").contains("generation gen-ui");
        RecordedRequest sent = SERVER.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + InstantFixtures.KEY);

        SERVER.enqueue(endlessStream());
        fire(robot, "#startRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shownOutput().equals("Never "));
        assertThat(robot.lookup("#cancelRun").queryAs(Button.class).isDisabled()).isFalse();
        fire(robot, "#cancelRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "CANCELLED".equals(
                robot.lookup("#runStatus").queryAs(Label.class).getText()));
    }

    @Test
    @Order(4)
    void typedErrorsSayWhatToDoAndA401OffersToMarkTheKey(FxRobot robot) throws Exception {
        openPage(robot);
        TableView<ResourceSummary> table = robot.lookup("#resourceTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "ui-haiku".equals(
                robot.lookup("#slugField").queryTextInputControl().getText()));
        robot.clickOn("Test run");
        set(robot, "#openRouterUrl", SERVER.url("/api/v1").toString());
        robot.interact(() -> robot.lookup("#secretField").queryAs(PasswordField.class)
                .setText(InstantFixtures.SECRET));

        set(robot, "#runParameters", "");
        fire(robot, "#startRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#runErrorProblem").queryAs(Label.class)
                .getText().contains("Missing required parameter: topic"));

        set(robot, "#runParameters", "topic=x");
        SERVER.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":401,\"message\":\"User not found.\"}}").build());
        fire(robot, "#startRun");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#markInvalid").query().isVisible());
        assertThat(robot.lookup("#runErrorRemedy").queryAs(Label.class).getText()).startsWith("What to do:");
        fire(robot, "#markInvalid");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "f".equals(InstantFixtures.query(database,
                "select is_valid from user_openrouter_integrations where user_id = '" + InstantFixtures.ALICE + "'")));
    }

    @Test
    @Order(5)
    void twoRunsCompareSideBySide(FxRobot robot) throws Exception {
        openPage(robot);
        robot.clickOn("History");
        ComboBox<RunRecord> left = robot.lookup("#leftRun").queryComboBox();
        ComboBox<RunRecord> right = robot.lookup("#rightRun").queryComboBox();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> left.getItems().size() >= 3);
        robot.interact(() -> {
            left.getSelectionModel().select(0);
            right.getSelectionModel().select(1);
        });
        TableView<RunHistory.Row> rows = robot.lookup("#compareTable").queryTableView();
        assertThat(rows.getItems()).anyMatch(r -> r.label().equals("outcome") && r.differs());
        // words, not enum names or a map's toString
        assertThat(rows.getItems()).filteredOn(r -> r.label().equals("outcome")).singleElement()
                .satisfies(r -> assertThat(r.left() + " " + r.right()).doesNotContain("COMPLETED", "CANCELLED"));
        assertThat(rows.getItems()).filteredOn(r -> r.label().equals("reading")).singleElement()
                .satisfies(r -> assertThat(r.left()).isEqualTo("as the live backend sends it"));
        assertThat(rows.getItems()).filteredOn(r -> r.label().equals("parameters")).singleElement()
                .satisfies(r -> assertThat(r.left()).doesNotContain("{").doesNotContain("}"));
        String history = Files.readString(RunHistory.in(home).file());
        assertThat(history).doesNotContain(InstantFixtures.KEY).doesNotContain(InstantFixtures.SECRET);

        // the same runs as pictures: a point per run for time to first token and duration, a bar per run for cost
        assertThat(robot.lookup("#historyCharts").query().isVisible()).isTrue();
        @SuppressWarnings("unchecked")
        javafx.scene.chart.LineChart<String, Number> times = robot.lookup("#historyTimes")
                .queryAs(javafx.scene.chart.LineChart.class);
        @SuppressWarnings("unchecked")
        javafx.scene.chart.BarChart<String, Number> costs = robot.lookup("#historyCosts")
                .queryAs(javafx.scene.chart.BarChart.class);
        assertThat(times.getData()).extracting(javafx.scene.chart.XYChart.Series::getName)
                .containsExactly("time to first token", "duration");
        assertThat(times.getData().get(1).getData()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(costs.getData().get(0).getData()).hasSize(left.getItems().size());
        robot.interact(() -> {
            try {
                jobs.x402.console.ui.Screenshots.write(times.getScene(), "resources-history-charts");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
