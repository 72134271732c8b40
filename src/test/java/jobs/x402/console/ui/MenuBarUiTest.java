package jobs.x402.console.ui;

import javafx.application.Application;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.ui.shell.WindowPreferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The habits of a desktop tool: File, View and Help menus, a remembered light/dark theme, a shortcut reference. */
@ExtendWith(ApplicationExtension.class)
class MenuBarUiTest {
    private ConsoleHome home;

    @Start
    void start(Stage stage) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "ui-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
    }

    @AfterEach
    void lightAgain() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> ConsoleApp.applyTheme(false)).get();
    }

    @Test
    void theMenusListEveryPageAndTheWindowsCommands(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        assertThat(bar.getMenus()).extracting(Menu::getText).containsExactly("File", "View", "Help");
        assertThat(bar.getMenus().get(0).getItems().stream().map(MenuItem::getText).filter(t -> t != null).toList())
                .containsExactly("Connect…", "Open the sandbox", "Audit log…", "Quit");
        List<String> view = bar.getMenus().get(1).getItems().stream().map(MenuItem::getText)
                .filter(t -> t != null).toList();
        assertThat(view).contains("Refresh this page", "Dark theme", "Overview", "Migration", "Row Level Security",
                "Keys", "Resources");
        assertThat(bar.getMenus().get(1).getItems().stream().filter(i -> "Keys".equals(i.getText())).findFirst()
                .orElseThrow().getAccelerator().getName()).isEqualTo("Shortcut+4");
    }

    @Test
    void theDarkThemeSwitchesAtOnceAndIsRemembered(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        CheckMenuItem dark = (CheckMenuItem) bar.getMenus().get(1).getItems().stream()
                .filter(i -> "Dark theme".equals(i.getText())).findFirst().orElseThrow();
        assertThat(dark.isSelected()).isFalse();
        robot.interact(() -> {
            dark.setSelected(true);
            dark.fire();
        });
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(
                new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS());
        assertThat(WindowPreferences.load(home).dark()).as("remembered for the next start").isTrue();
        assertThat(Files.readString(home.config("window.properties"))).contains("theme=dark");
    }

    @Test
    void f1ShowsEveryShortcut(FxRobot robot) {
        robot.interact(() -> robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(2).getItems().get(0)
                .fire());
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup("#shortcutsDialog").queryAs(DialogPane.class);
        List<String> texts = ((GridPane) pane.getContent()).getChildren().stream().map(n -> ((Label) n).getText())
                .toList();
        assertThat(texts).contains("F5", "Show Overview", "Show Resources", "Quit", "This list");
        robot.interact(() -> pane.getScene().getWindow().hide());
    }

    @Test
    void theAuditLogOpensFromTheFileMenu(FxRobot robot) throws Exception {
        jobs.x402.console.core.AuditLog log = jobs.x402.console.core.AuditLog.in(home);
        log.append("postgres", "localhost:54017 · postgres · postgres · PostgreSQL 17.6 · sandbox", "migration.apply",
                "005", "ok", Map.of("statements", 22));
        log.append("postgres", "localhost:54017 · postgres · postgres · PostgreSQL 17.6 · sandbox", "keys.disable",
                "alice@example.com", "ok", null);
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        robot.interact(() -> bar.getMenus().get(0).getItems().stream()
                .filter(i -> "Audit log…".equals(i.getText())).findFirst().orElseThrow().fire());
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#auditSummary").tryQuery().isPresent()
                        && robot.lookup("#auditSummary").queryLabeled().getText().startsWith("2 of 2 entries"));
        javafx.scene.control.TableView<?> table = robot.lookup("#auditTable").queryAs(javafx.scene.control.TableView.class);
        assertThat(table.getItems()).hasSize(2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Screenshots.write(table.getScene(), "audit-log");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.interact(() -> robot.lookup("#auditTable").query().getScene().getWindow().hide());
    }
}
