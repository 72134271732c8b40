package jobs.x402.console.ui;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.SandboxServer;
import jobs.x402.console.rls.LintFinding;
import jobs.x402.console.rls.TableSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Row Level Security page on the real FXML, view model and sandbox database, headless. */
@ExtendWith(ApplicationExtension.class)
class RlsPageUiTest {
    private static ConsoleHome home;

    @BeforeAll
    static void createHome() throws IOException {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-rls-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
    }

    @AfterAll
    static void stopSandbox() {
        SandboxServer.in(home).stop(ProgressListener.NONE);
    }

    @Start
    void start(Stage stage) throws IOException {
        ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTablesPoliciesLintsAndAProbeOnTheSandbox(FxRobot robot) throws Exception {
        robot.clickOn("#openConnectDialog");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#openSandbox");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> "SANDBOX".equals(robot.lookup("#targetKind").queryAs(Label.class).getText()));
        robot.clickOn("#nav-rls");
        TableView<TableSecurity> tables = robot.lookup("#rlsTables").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> tables.getItems().stream()
                .anyMatch(t -> t.name().equals("x402_user_claude_configs")));
        WaitForAsyncUtils.waitForFxEvents(); // the summary is set in the same FX event as the rows; read after it
        assertThat(robot.lookup("#rlsSummary").queryAs(Label.class).getText()).contains("tables").contains("errors");

        robot.interact(() -> robot.lookup("#rlsSearch").queryAs(javafx.scene.control.TextField.class)
                .setText("claude"));
        assertThat(tables.getItems()).extracting(TableSecurity::name).containsExactly("x402_user_claude_configs");
        robot.interact(() -> tables.getSelectionModel().select(0));
        TableView<?> policies = robot.lookup("#rlsPolicies").queryAs(TableView.class);
        assertThat(policies.getItems()).hasSize(2);
        assertThat(robot.lookup("#rlsSelectedTitle").queryAs(Label.class).getText())
                .contains("RLS on").contains("api_key_encrypted");

        TabPane tabs = robot.lookup("#rlsTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        TableView<LintFinding> lints = robot.lookup("#rlsLints").queryAs(TableView.class);
        assertThat(lints.getItems()).anyMatch(f -> f.rule().id().equals("auth_rls_initplan"));
        robot.interact(() -> lints.getSelectionModel().select(0));
        assertThat(robot.lookup("#rlsFix").queryAs(TextArea.class).getText()).isNotBlank();
        WaitForAsyncUtils.waitForFxEvents();
        // the level reads whole (it was "E…" and "W…"): no level cell shows an elided text
        java.util.List<String> shown = new java.util.ArrayList<>();
        robot.interact(() -> lints.lookupAll(".table-cell").forEach(node -> {
            if (node instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTableColumn() != null
                    && "level".equals(cell.getTableColumn().getText()) && cell.getText() != null) {
                javafx.scene.Node text = cell.lookup(".text");
                shown.add(text instanceof javafx.scene.text.Text t ? t.getText() : cell.getText());
            }
        }));
        assertThat(shown).isNotEmpty().allMatch(t -> !t.endsWith("…") && !t.endsWith("..."));
        robot.interact(() -> {
            try {
                Screenshots.write(lints.getScene(), "rls-page-lints");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        robot.interact(() -> {
            tabs.getSelectionModel().select(2);
            robot.lookup("#rlsPersona").queryAs(ComboBox.class).setValue("anon");
        });
        robot.clickOn("#rlsRunProbe");
        TableView<?> probe = robot.lookup("#rlsProbeResults").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> probe.getItems().size() >= 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(probe.getItems().toString()).contains("denied by policy").contains("allowed · 0 rows");
        assertThat(robot.lookup("#rlsProbeSummary").queryAs(Label.class).getText()).contains("rolled back");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Screenshots.write(tables.getScene(), "rls-page-probe");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // the access matrix: every API table x every persona, the key table's owner kept to their own row
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.clickOn("#rlsRunMatrix");
        TableView<jobs.x402.console.ui.rls.RlsViewModel.MatrixRow> matrix =
                robot.lookup("#rlsMatrix").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !matrix.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(matrix.getItems()).anySatisfy(row -> {
            assertThat(row.table()).isEqualTo("public.x402_user_claude_configs");
            assertThat(row.persona()).isEqualTo("owner");
            assertThat(row.select().verdict()).isEqualTo(jobs.x402.console.rls.AccessVerdict.OWN_ROWS_ONLY);
        });
        assertThat(robot.lookup("#rlsMatrixSummary").queryAs(Label.class).getText()).contains("rolled back");
        robot.interact(() -> {
            try {
                Screenshots.write(tables.getScene(), "rls-page-matrix");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
