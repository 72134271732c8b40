package jobs.x402.console.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At the window's minimum size (900×600), connected to the sandbox, no control on any page or tab shows its text
 * cut to "…" unless its tooltip holds the whole text, and no button is cut at all.
 */
@ExtendWith(ApplicationExtension.class)
class MinimumSizeUiTest {
    private static ConsoleHome home;
    private ConsoleApp.Window window;

    @BeforeAll
    static void createHome() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "ui-home-");
        home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        AtomicFiles.write(home.config("window.properties"), "width=900\nheight=600\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopSandbox() {
        SandboxServer.in(home).stop(ProgressListener.NONE);
    }

    @Start
    void start(Stage stage) throws IOException {
        window = ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
    }

    @Test
    void noTextIsElidedOnAnyPageAtTheMinimumSize(FxRobot robot) throws Exception {
        robot.interact(() -> window.controller().openSandboxDirectly());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> "SANDBOX".equals(robot.lookup("#targetKind").queryAs(Label.class).getText()));
        List<String> elided = new ArrayList<>();
        List<Node> rail = robot.lookup("#navRail").queryAs(Parent.class).getChildrenUnmodifiable();
        for (Node item : rail) {
            ToggleButton page = (ToggleButton) item;
            robot.interact(page::fire);
            settle();
            Parent root = page.getScene().getRoot();
            for (TabPane tabs : robot.from(root).lookup(".tab-pane").queryAllAs(TabPane.class)) {
                if (!tabs.isVisible() || !showing(tabs)) {
                    continue;
                }
                for (Tab tab : List.copyOf(tabs.getTabs())) {
                    robot.interact(() -> tabs.getSelectionModel().select(tab));
                    settle();
                    robot.interact(() -> collect(root, page.getText() + " / " + tab.getText(), elided));
                }
            }
            robot.interact(() -> collect(root, page.getText(), elided));
            String name = "min-size-" + page.getId().replace("nav-", "");
            robot.interact(() -> {
                try {
                    Screenshots.write(root.getScene(), name);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(elided.stream().distinct().toList()).as("texts cut to … at 900×600").isEmpty();
    }

    private static void settle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(600); // a page reads the sandbox when first shown
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    private static void collect(Parent root, String where, List<String> elided) {
        // the pass the window makes at most 250 ms after a layout, made now: a progress line that just changed
        // would otherwise be read between its change and its tooltip
        TextFit.walk(root);
        List<javafx.scene.control.Control> inputs = new ArrayList<>();
        walkInputs(root, inputs);
        for (javafx.scene.control.Control input : inputs) {
            if (showing(input) && outsideTheWindow(input)) {
                elided.add(where + ": " + input.getClass().getSimpleName()
                        + (input.getId() == null ? "" : "#" + input.getId()) + " lies outside the 900 px window");
            }
        }
        List<Labeled> labeled = new ArrayList<>();
        walk(root, labeled);
        for (Labeled control : labeled) {
            String full = control.getText();
            if (full == null || full.isEmpty() || !showing(control)) {
                continue;
            }
            // a button or a page's title is never cut, not even with a tooltip
            boolean neverCut = control instanceof javafx.scene.control.ButtonBase
                    || control.getStyleClass().contains("page-title");
            if (neverCut && outsideTheWindow(control)) {
                elided.add(where + ": " + control.getClass().getSimpleName()
                        + (control.getId() == null ? "" : "#" + control.getId()) + " \"" + full
                        + "\" lies outside the 900 px window");
                continue;
            }
            if (TextFit.readable(control) && !(neverCut && cut(control))) {
                continue; // the whole text is shown, or its tooltip holds it
            }
            Text shown = (Text) control.lookup(".text");
            elided.add(where + ": " + control.getClass().getSimpleName()
                    + (control.getId() == null ? "" : "#" + control.getId()) + " \"" + full + "\" shown as \""
                    + shown.getText() + "\"");
        }
    }

    /** Past the window's right edge, unless it sits in something that scrolls (a table cell, a scroll pane). */
    private static boolean outsideTheWindow(javafx.scene.control.Control control) {
        for (Node n = control.getParent(); n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.ScrollPane || n instanceof javafx.scene.control.TableView<?>
                    || n instanceof javafx.scene.control.ListView<?>) {
                return false;
            }
        }
        javafx.geometry.Bounds bounds = control.localToScene(control.getBoundsInLocal());
        return bounds.getMaxX() > control.getScene().getWidth() + 1;
    }

    private static boolean cut(Labeled control) {
        Text shown = (Text) control.lookup(".text");
        return shown != null && shown.getText() != null && !shown.getText().equals(control.getText());
    }

    /** The fields and pickers an operator types in or opens. */
    private static void walkInputs(Node node, List<javafx.scene.control.Control> into) {
        if (node instanceof javafx.scene.control.ComboBoxBase<?> || node instanceof javafx.scene.control.TextInputControl) {
            into.add((javafx.scene.control.Control) node);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> walkInputs(child, into));
        }
    }

    private static void walk(Node node, List<Labeled> into) {
        if (node instanceof Labeled l) {
            into.add(l);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> walk(child, into));
        }
    }
}
