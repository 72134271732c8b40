package jobs.x402.console.ui.about;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import jobs.x402.console.core.BundledLibraries.Library;
import jobs.x402.console.ui.AppIcons;


/** Binds the About box's labels and licence table to {@link AboutFacts}. */
public final class AboutController {
    @FXML private ImageView appIcon;
    @FXML private Label versionLabel;
    @FXML private Label commitLabel;
    @FXML private Label buildDateLabel;
    @FXML private Label javaLabel;
    @FXML private Label javaFxLabel;
    @FXML private Label librariesTitle;
    @FXML private TableView<Library> libraryTable;
    @FXML private TableColumn<Library, String> artifactColumn;
    @FXML private TableColumn<Library, String> versionColumn;
    @FXML private TableColumn<Library, String> licenceColumn;
    @FXML private Button closeButton;

    void show(AboutFacts facts) {
        appIcon.setImage(AppIcons.at(128)); // null leaves the box complete without its picture
        versionLabel.setText(facts.build().version());
        commitLabel.setText(facts.build().commit());
        buildDateLabel.setText(facts.build().buildDate());
        javaLabel.setText(facts.java());
        javaFxLabel.setText(facts.javaFx());
        librariesTitle.setText("Bundled libraries (" + facts.libraries().size() + ")");
        artifactColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().groupId() + ":"
                + c.getValue().artifactId()));
        versionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().version()));
        licenceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().licence()));
        libraryTable.setItems(FXCollections.observableArrayList(facts.libraries()));
    }

    @FXML
    private void onClose() {
        ((Stage) closeButton.getScene().getWindow()).close();
    }
}
