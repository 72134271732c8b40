package jobs.x402.console.ui.about;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import jobs.x402.console.ui.AppIcons;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The About box: version, commit, build date, Java and JavaFX versions, bundled libraries and their licences. */
public final class AboutDialog {
    private final Stage stage;

    public AboutDialog(Window owner) {
        stage = new Stage();
        stage.initOwner(owner);
        AppIcons.apply(stage);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("About x402 Operator Console");
        FXMLLoader loader = new FXMLLoader(AboutDialog.class.getResource("/fxml/about/about-dialog.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the About box", e);
        }
        AboutController controller = loader.getController();
        controller.show(AboutFacts.current());
        Scene scene = new Scene(root);
        scene.getStylesheets().add(AboutDialog.class.getResource("/fxml/console.css").toExternalForm());
        stage.setScene(scene);
    }

    public void show() {
        stage.show();
        stage.requestFocus();
    }
}
