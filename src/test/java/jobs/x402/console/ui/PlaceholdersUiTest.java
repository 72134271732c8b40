package jobs.x402.console.ui;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** An empty table says "Reading …" while its page reads, and its own "No …" only after the answer. */
@ExtendWith(ApplicationExtension.class)
class PlaceholdersUiTest {
    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void thePlaceholderFollowsTheLoadingState(FxRobot robot) {
        robot.interact(() -> {
            Label placeholder = new Label("No keys");
            SimpleBooleanProperty loading = new SimpleBooleanProperty(true);
            Placeholders.whileLoading(placeholder, loading, "Reading keys…");
            assertThat(placeholder.getText()).isEqualTo("Reading keys…");
            loading.set(false);
            assertThat(placeholder.getText()).isEqualTo("No keys");
            loading.set(true);
            assertThat(placeholder.getText()).isEqualTo("Reading keys…");
        });
    }
}
