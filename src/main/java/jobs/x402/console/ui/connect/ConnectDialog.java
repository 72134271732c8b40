package jobs.x402.console.ui.connect;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import jobs.x402.console.ui.AppIcons;
import jobs.x402.console.session.ConsoleEnvironment;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.ui.tasks.TaskRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;

/** The modal "Connect to a database" window. */
public final class ConnectDialog {
    private final Stage stage;
    private final ConnectDialogController controller;

    public ConnectDialog(Window owner, ConsoleEnvironment environment, TaskRunner tasks,
                         BiConsumer<ConsoleSession, String> onConnected) {
        stage = new Stage();
        stage.initOwner(owner);
        AppIcons.apply(stage);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connect to a database");
        FXMLLoader loader = new FXMLLoader(ConnectDialog.class.getResource("/fxml/connect/connect-dialog.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the connection dialog", e);
        }
        controller = loader.getController();
        ConnectViewModel model = new ConnectViewModel(environment, tasks, (session, name) -> {
            stage.close();
            onConnected.accept(session, name);
        });
        Scene scene = new Scene(root);
        scene.getStylesheets().add(ConnectDialog.class.getResource("/fxml/console.css").toExternalForm());
        stage.setScene(scene);
        controller.bind(model, stage);
    }

    public void show(String preselectedProfile) {
        if (preselectedProfile != null) {
            controller.selectProfile(preselectedProfile);
        }
        stage.show();
        stage.requestFocus();
    }
}
