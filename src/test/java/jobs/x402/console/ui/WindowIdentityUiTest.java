package jobs.x402.console.ui;

import javafx.scene.image.Image;
import javafx.stage.Stage;
import jobs.x402.console.core.ConsoleHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running window is the one its menu entry names: it carries the application icon at every size the packages
 * install, and the desktop entry's StartupWMClass is the X11 class JavaFX gives the window (the name of the
 * Application subclass), so docks group the window with its entry instead of showing a generic one.
 */
@ExtendWith(ApplicationExtension.class)
class WindowIdentityUiTest {
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "ui-home-");
        ConsoleHome home = ConsoleHome.fromEnvironment(Map.of(ConsoleHome.HOME_VARIABLE, dir.toString()));
        ConsoleApp.open(stage, new jobs.x402.console.session.ConsoleEnvironment(home, System.getenv()));
        this.stage = stage;
        // before the first pulse: what the first frame shows in the page area
        javafx.scene.Node loading = stage.getScene().lookup("#pageLoading");
        firstFrameText = loading instanceof javafx.scene.control.Label label ? label.getText() : null;
    }

    private String firstFrameText;

    @Test
    void theFirstFrameSaysWhatIsOpeningThenThePageReplacesIt(org.testfx.api.FxRobot robot) throws Exception {
        assertThat(firstFrameText).as("the first frame is not a blank page").isEqualTo("Opening the Overview…");
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> stage.getScene().lookup("#pageLoading") == null);
        assertThat(stage.getScene().lookup("#overviewPage")).isNotNull();
    }

    @Test
    void theMainWindowHasTheApplicationIconAtEverySize() {
        List<Image> icons = stage.getIcons();
        assertThat(icons).hasSize(AppIcons.SIZES.size());
        assertThat(icons).allSatisfy(icon -> assertThat(icon.isError()).isFalse());
        assertThat(icons.stream().map(icon -> (int) icon.getWidth()).toList()).isEqualTo(AppIcons.SIZES);
    }

    @Test
    void theDesktopEntryNamesTheWindowsClass() throws IOException {
        List<String> entry = Files.readAllLines(Path.of("installer/linux/menu-entry.desktop"));
        assertThat(entry).contains("StartupWMClass=" + ConsoleApp.class.getName());
    }
}
