package jobs.x402.console.ui.connect;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.SslMode;

/** Binds the connection dialog's FXML to {@link ConnectViewModel}; no logic of its own. */
public final class ConnectDialogController {
    @FXML private ListView<ConnectionProfile> profileList;
    @FXML private TextField urlField;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private TextField databaseField;
    @FXML private TextField userField;
    @FXML private ComboBox<SslMode> sslModeBox;
    @FXML private TextField rootCertField;
    @FXML private Button rootCertBrowse;
    @FXML private ComboBox<SchemaVariant> schemaVariantBox;
    @FXML private PasswordField passwordField;
    @FXML private CheckBox saveProfileBox;
    @FXML private TextField profileNameField;
    @FXML private Label notesLabel;
    @FXML private VBox errorPane;
    @FXML private Label errorProblem;
    @FXML private Label errorRemedy;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Button sandboxButton;
    @FXML private Button resetSandboxButton;
    @FXML private Button connectButton;
    @FXML private Button testButton;
    @FXML private javafx.scene.control.Label testResultLabel;
    @FXML private Button cancelButton;

    private ConnectViewModel model;
    private Stage stage;

    public void bind(ConnectViewModel viewModel, Stage dialogStage) {
        this.model = viewModel;
        this.stage = dialogStage;
        profileList.setItems(model.savedProfiles);
        profileList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "\n" + item.user() + "@" + item.address());
            }
        });
        profileList.getSelectionModel().selectedItemProperty().addListener((o, old, p) -> model.select(p));
        urlField.textProperty().bindBidirectional(model.url);
        urlField.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                model.applyUrl();
            }
        });
        urlField.setOnAction(e -> model.applyUrl());
        // a pasted URL fills the fields at once; a half-typed one waits for Enter or leaving the field
        urlField.textProperty().addListener((o, old, text) -> model.applyUrlWhileTyping());
        hostField.textProperty().bindBidirectional(model.host);
        portField.textProperty().bindBidirectional(model.port);
        databaseField.textProperty().bindBidirectional(model.database);
        userField.textProperty().bindBidirectional(model.user);
        sslModeBox.getItems().setAll(SslMode.values());
        sslModeBox.getItems().add(0, null);
        sslModeBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SslMode mode) {
                return mode == null ? "default (verify-full off localhost)" : mode.parameter();
            }

            @Override
            public SslMode fromString(String text) {
                return text == null || text.startsWith("default") ? null : SslMode.parse(text);
            }
        });
        sslModeBox.valueProperty().bindBidirectional(model.sslMode);
        rootCertField.textProperty().bindBidirectional(model.rootCert);
        schemaVariantBox.getItems().setAll(SchemaVariant.values());
        schemaVariantBox.getItems().add(0, null);
        schemaVariantBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SchemaVariant variant) {
                return variant == null ? "detect when connecting" : variant.label() + " (" + variant.keyTable() + ")";
            }

            @Override
            public SchemaVariant fromString(String text) {
                return text == null || text.startsWith("detect") ? null : SchemaVariant.parse(text.split(" ")[0]);
            }
        });
        schemaVariantBox.valueProperty().bindBidirectional(model.schemaVariant);
        saveProfileBox.selectedProperty().bindBidirectional(model.saveProfile);
        profileNameField.textProperty().bindBidirectional(model.profileName);
        notesLabel.textProperty().bind(model.notes);
        errorProblem.textProperty().bind(model.errorProblem);
        errorRemedy.textProperty().bind(model.errorRemedy);
        errorPane.visibleProperty().bind(model.hasError());
        errorPane.managedProperty().bind(errorPane.visibleProperty());
        progressBar.progressProperty().bind(model.progress);
        progressBar.visibleProperty().bind(model.busy);
        progressLabel.textProperty().bind(model.progressMessage);
        progressLabel.visibleProperty().bind(model.busy);
        connectButton.disableProperty().bind(model.busy);
        testButton.disableProperty().bind(model.busy);
        testResultLabel.textProperty().bind(model.testResult);
        sandboxButton.disableProperty().bind(model.busy);
        resetSandboxButton.disableProperty().bind(model.busy);
        profileList.disableProperty().bind(model.busy);
        cancelButton.textProperty().bind(javafx.beans.binding.Bindings.when(model.busy).then("Cancel connect")
                .otherwise("Close"));
        stage.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                onCancel();
                e.consume();
            }
        });
        Platform.runLater(() -> (model.savedProfiles.isEmpty() ? sandboxButton : profileList).requestFocus());
    }

    public void selectProfile(String name) {
        model.savedProfiles.stream().filter(p -> p.name().equals(name)).findFirst()
                .ifPresent(p -> profileList.getSelectionModel().select(p));
    }

    @FXML
    private void onBrowseRootCert() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("The server's CA certificate");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Certificates (*.crt, *.pem, *.cer)", "*.crt", "*.pem",
                        "*.cer"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File file = chooser.showOpenDialog(rootCertBrowse.getScene().getWindow());
        if (file != null) {
            model.rootCert.set(file.getAbsolutePath());
        }
    }

    @FXML
    private void onOpenSandbox() {
        model.openSandbox();
    }

    /** A plain yes, as `sandbox reset --yes`: the sandbox is this machine's own scratch database. */
    @FXML
    private void onResetSandbox() {
        javafx.scene.control.ButtonType reset = new javafx.scene.control.ButtonType("Reset",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING,
                "Everything in the sandbox at " + model.sandboxDirectory() + " is deleted: every row, every"
                        + " migration, every key. It is built again from the Supabase-faithful baseline and demo data ("
                        + model.resetVariant().label() + " schema) and the console connects to it.", reset,
                javafx.scene.control.ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setTitle("Reset the sandbox");
        ask.setHeaderText("Reset the sandbox database?");
        ask.getDialogPane().setId("resetSandboxConfirm");
        ((Button) ask.getDialogPane().lookupButton(reset)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(javafx.scene.control.ButtonType.CANCEL)).setDefaultButton(true);
        if (ask.showAndWait().filter(reset::equals).isPresent()) {
            model.resetSandbox();
        }
    }

    @FXML
    private void onConnect() {
        model.applyUrl();
        char[] password = passwordField.getText().toCharArray();
        try {
            model.connect(password);
        } finally {
            java.util.Arrays.fill(password, '\0');
            passwordField.clear();
        }
    }

    @FXML
    private void onTest() {
        model.applyUrl();
        char[] password = passwordField.getText().toCharArray();
        try {
            model.testConnection(password); // the field keeps the password: Connect comes next
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    @FXML
    private void onCancel() {
        if (!model.cancel()) {
            stage.close();
        }
    }
}
