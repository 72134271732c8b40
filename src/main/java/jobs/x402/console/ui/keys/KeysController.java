package jobs.x402.console.ui.keys;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.animation.PauseTransition;
import javafx.geometry.Orientation;
import javafx.stage.Window;
import javafx.util.Duration;
import jobs.x402.console.keys.IntegrationSecretSource;
import jobs.x402.console.keys.KeyFilter;
import jobs.x402.console.keys.KeyRow;
import jobs.x402.console.keys.KeyStatus;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.shell.PageController;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/** Binds the keys page's FXML to {@link KeysViewModel}; asks the confirmations, the model does the work. */
public final class KeysController implements PageController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @FXML private Label secretStatus;
    @FXML private MenuButton secretMenu;
    @FXML private MenuItem secretFromEnv;
    @FXML private TextField searchField;
    @FXML private ComboBox<KeyFilter> filterBox;
    @FXML private Label countLabel;
    @FXML private Button refreshButton;
    @FXML private Button setButton;
    @FXML private Button enableButton;
    @FXML private Button disableButton;
    @FXML private Label placeholder;
    @FXML private javafx.scene.layout.VBox healthChartBox;
    @FXML private Button deleteButton;
    @FXML private Button revealButton;
    @FXML private Button verifyButton;
    @FXML private Button verifyAllButton;
    @FXML private Button scanButton;
    @FXML private Button rotateButton;
    @FXML private HBox revealBar;
    @FXML private Label revealUser;
    @FXML private TextField revealField;
    @FXML private Label revealCountdown;
    @FXML private TableView<KeyRow> table;
    @FXML private TableColumn<KeyRow, String> userColumn;
    @FXML private TableColumn<KeyRow, String> emailColumn;
    @FXML private TableColumn<KeyRow, KeyStatus> statusColumn;
    @FXML private TableColumn<KeyRow, String> maskedColumn;
    @FXML private TableColumn<KeyRow, String> validColumn;
    @FXML private TableColumn<KeyRow, String> enabledColumn;
    @FXML private TableColumn<KeyRow, String> verifiedColumn;
    @FXML private TableColumn<KeyRow, String> createdColumn;
    @FXML private TableColumn<KeyRow, String> updatedColumn;
    @FXML private Button moreButton;
    @FXML private Label resultLabel;

    private KeysViewModel model;
    private ConsoleContext context;
    private final PauseTransition searchDelay = new PauseTransition(Duration.millis(250));

    @Override
    public void attach(ConsoleContext consoleContext) {
        this.context = consoleContext;
        model = new KeysViewModel(consoleContext, new KeyDialogs(this::window));
        secretFromEnv.setText("From " + IntegrationSecretSource.DEFAULT_VARIABLE);
        secretStatus.textProperty().bind(model.secretStatus);
        countLabel.textProperty().bind(model.countText);
        resultLabel.textProperty().bind(model.result);
        filterBox.getItems().setAll(KeyFilter.values());
        filterBox.valueProperty().bindBidirectional(model.filter);
        searchField.textProperty().bindBidirectional(model.search);
        // typing searches after a pause, not once per keystroke
        searchDelay.setOnFinished(e -> model.reload());
        searchField.textProperty().addListener((obs, old, text) -> searchDelay.playFromStart());
        filterBox.valueProperty().addListener((obs, old, value) -> model.reload());

        table.setItems(model.rows);
        table.setId("keysTable");
        userColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().userId().toString()));
        emailColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().email()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        statusColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(KeyStatus status, boolean empty) {
                super.updateItem(status, empty);
                getStyleClass().removeAll("key-status-problem", "key-status-ok");
                if (empty || status == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(status.text());
                if (status.isProblem()) {
                    getStyleClass().add("key-status-problem");
                    KeyRow row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null && row.decryptStatus() != null) {
                        setTooltip(new javafx.scene.control.Tooltip("The stored value "
                                + row.decryptStatus().description()));
                    }
                } else if (status == KeyStatus.OK) {
                    getStyleClass().add("key-status-ok");
                    setTooltip(null);
                }
            }
        });
        maskedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().maskedKey()));
        validColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(KeysViewModel.validity(c.getValue())));
        enabledColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(yesNo(c.getValue().enabled())));
        verifiedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastVerifiedAt() == null
                ? "never" : time(c.getValue().lastVerifiedAt())));
        createdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(time(c.getValue().createdAt())));
        updatedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(time(c.getValue().updatedAt())));

        var noSession = context.sessionProperty().isNull();
        var noSelection = table.getSelectionModel().selectedItemProperty().isNull();
        var noSecret = model.secretLoaded.not();
        refreshButton.disableProperty().bind(noSession.or(model.loading));
        jobs.x402.console.ui.Placeholders.whileLoading(placeholder, model.loading, "Reading keys…");
        bindHealthChart();
        setButton.disableProperty().bind(noSession.or(noSecret).or(model.busy));
        // only the action that changes something: Enable for a disabled key, Disable for an enabled one
        var selectedEnabled = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            KeyRow row = table.getSelectionModel().getSelectedItem();
            return row != null && Boolean.TRUE.equals(row.enabled());
        }, table.getSelectionModel().selectedItemProperty());
        var selectedDisabled = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            KeyRow row = table.getSelectionModel().getSelectedItem();
            return row != null && Boolean.FALSE.equals(row.enabled());
        }, table.getSelectionModel().selectedItemProperty());
        enableButton.disableProperty().bind(noSession.or(noSelection).or(model.busy).or(selectedEnabled));
        disableButton.disableProperty().bind(noSession.or(noSelection).or(model.busy).or(selectedDisabled));
        deleteButton.disableProperty().bind(noSession.or(noSelection).or(model.busy));
        revealButton.disableProperty().bind(noSession.or(noSelection).or(noSecret).or(model.busy));
        verifyButton.disableProperty().bind(noSession.or(noSelection).or(noSecret).or(model.busy));
        verifyAllButton.disableProperty().bind(noSession.or(noSecret).or(model.busy));
        scanButton.disableProperty().bind(noSession.or(noSecret).or(model.busy));
        rotateButton.disableProperty().bind(noSession.or(noSecret).or(model.busy));
        moreButton.visibleProperty().bind(model.hasMore);
        moreButton.disableProperty().bind(model.loading);

        revealBar.visibleProperty().bind(model.revealVisible);
        revealBar.managedProperty().bind(model.revealVisible);
        revealField.textProperty().bind(model.revealedKey);
        revealUser.textProperty().bind(model.revealedUser);
        revealCountdown.textProperty().bind(model.revealSecondsLeft.asString("hides in %d s"));
        table.skinProperty().addListener((obs, old, skin) -> loadMoreNearTheEnd());
    }

    /** Scrolling near the end of what is loaded reads the next page. */
    private void loadMoreNearTheEnd() {
        for (var node : table.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((obs, old, value) -> {
                    if (value.doubleValue() >= bar.getMax() * 0.9) {
                        model.loadMore();
                    }
                });
            }
        }
    }

    private static String yesNo(Boolean value) {
        return value == null ? "" : value ? "yes" : "no";
    }

    private static String time(OffsetDateTime value) {
        return value == null ? "" : TIME.format(value);
    }

    @Override
    public void refresh() {
        model.reload();
    }

    /** For tests: the page's model. */
    KeysViewModel model() {
        return model;
    }

    private Window window() {
        return table.getScene().getWindow();
    }

    private KeyRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    @FXML
    private void onRefresh() {
        model.reload();
    }

    @FXML
    private void onLoadMore() {
        model.loadMore();
    }

    @FXML
    private void onSecretFromEnvironment() {
        model.loadSecretFromEnvironment();
    }

    @FXML
    private void onSecretTyped() {
        KeyDialogs.askSecret(window(), "Integration secret", "The backend's INTEGRATION_ENCRYPTION_SECRET")
                .ifPresent(model::loadTypedSecret);
    }

    @FXML
    private void onSecretFromVault() {
        KeyDialogs.askSecret(window(), "Unlock the vault", "Vault passphrase").ifPresent(model::loadSecretFromVault);
    }

    /**
     * The health scan as a picture: one horizontal bar per outcome (ok, wrong secret, stored in clear…), so a problem
     * among thousands of rows shows as a bar, not as a number in a sentence.
     */
    private void bindHealthChart() {
        javafx.scene.chart.NumberAxis count = new javafx.scene.chart.NumberAxis();
        count.setLabel("rows");
        count.setMinorTickVisible(false);
        javafx.scene.chart.CategoryAxis outcome = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.BarChart<Number, String> chart = new javafx.scene.chart.BarChart<>(count, outcome);
        chart.setId("keysHealthBars");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCategoryGap(6); // thick bars: a chart of three outcomes is not a chart of thin lines
        chart.setBarGap(0);
        chart.setPrefHeight(130);
        chart.setMinHeight(110);
        Label caption = new Label("Last health scan: each bar counts the rows of the key table with that outcome;"
                + " only \"ok\" rows run resources.");
        caption.getStyleClass().add("notes");
        caption.setMnemonicParsing(false);
        healthChartBox.getChildren().setAll(chart, caption);
        healthChartBox.managedProperty().bind(healthChartBox.visibleProperty());
        healthChartBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.healthBars));
        model.healthBars.addListener((javafx.collections.ListChangeListener<java.util.Map.Entry<String, Long>>) c -> {
            javafx.scene.chart.XYChart.Series<Number, String> series = new javafx.scene.chart.XYChart.Series<>();
            model.healthBars.forEach(bar -> series.getData().add(new javafx.scene.chart.XYChart.Data<>(
                    bar.getValue(), bar.getKey())));
            chart.getData().setAll(java.util.List.of(series));
            // problems in the theme's danger colour, ok rows in its success colour
            for (javafx.scene.chart.XYChart.Data<Number, String> d : series.getData()) {
                if (d.getNode() != null) {
                    d.getNode().setStyle(d.getYValue().equals("ok") ? "-fx-bar-fill: -color-success-emphasis;"
                            : "-fx-bar-fill: -color-danger-emphasis;");
                    javafx.scene.control.Tooltip.install(d.getNode(), new javafx.scene.control.Tooltip(
                            d.getXValue() + " rows: " + d.getYValue()));
                }
            }
        });
    }

    @FXML
    private void onForgetSecret() {
        model.forgetSecret();
    }

    @FXML
    private void onSet() {
        KeyRow row = selected();
        KeyDialogs.askSetKey(window(), model, row == null ? null : row.userId()).ifPresent(request ->
                model.set(request.userId(), request.email(), request.hasKey(), request.key(), request.verify(),
                        request.force(), () -> { }));
    }

    @FXML
    private void onEnable() {
        KeyRow row = selected();
        if (row != null) {
            model.enable(row);
        }
    }

    @FXML
    private void onDisable() {
        KeyRow row = selected();
        if (row != null) {
            model.disable(row);
        }
    }

    @FXML
    private void onDelete() {
        KeyRow row = selected();
        if (row != null) {
            model.delete(row);
        }
    }

    @FXML
    private void onReveal() {
        KeyRow row = selected();
        if (row != null) {
            model.reveal(row);
        }
    }

    @FXML
    private void onCopy() {
        model.copyRevealed();
    }

    @FXML
    private void onHide() {
        model.hideReveal();
    }

    @FXML
    private void onVerify() {
        KeyRow row = selected();
        if (row != null) {
            model.verify(row);
        }
    }

    @FXML
    private void onVerifyAll() {
        model.verifyAll();
    }

    @FXML
    private void onScan() {
        model.scan();
    }

    @FXML
    private void onRotate() {
        KeyDialogs.askRotation(window(), model.openRouterTable()).ifPresent(request ->
                model.rotate(request.newSecret(), request.tables(), request.excludeUndecryptable()));
    }

    @FXML
    private void onCreateVault() {
        KeyDialogs.askSecrets(window(), "Create the vault", "The vault keeps the integration secret on this"
                + " machine under one passphrase (Argon2id, AES-256-GCM; the file is readable by you alone).\nLoad it"
                + " later with Integration secret → From the local vault….", "vaultCreate", java.util.List.of("New passphrase",
                "The same again", "Integration secret")).ifPresent(v -> model.createVault(v.get(0), v.get(1),
                v.get(2)));
    }

    @FXML
    private void onChangeVaultPassphrase() {
        KeyDialogs.askSecrets(window(), "Change the vault passphrase", "The vault is sealed again under the new"
                + " passphrase, with a fresh salt; what it keeps stays as it is.", "vaultPassphrase", java.util.List.of(
                "Current passphrase", "New passphrase", "The same again")).ifPresent(v -> model.changeVaultPassphrase(
                v.get(0), v.get(1), v.get(2)));
    }
}
