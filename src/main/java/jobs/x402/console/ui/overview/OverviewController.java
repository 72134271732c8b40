package jobs.x402.console.ui.overview;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.overview.OverviewReport;
import jobs.x402.console.overview.Prerequisite;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.shell.PageController;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Map;

/** Binds the Overview FXML to {@link OverviewViewModel}. */
public final class OverviewController implements PageController {
    @FXML private Label identityLine;
    @FXML private Label serverVersion;
    @FXML private Label roleLine;
    @FXML private Label sslLine;
    @FXML private Label schemaVariantLine;
    @FXML private Label usersValue;
    @FXML private Label modelsValue;
    @FXML private Label modelsCaption;
    @FXML private Label serversValue;
    @FXML private Label resourcesValue;
    @FXML private Label readAtLabel;
    @FXML private Label migrationState;
    @FXML private Label migrationSummary;
    @FXML private Label prerequisiteSummary;
    @FXML private Label typesPlaceholder;
    @FXML private TableView<Map.Entry<String, Long>> typeTable;
    @FXML private TableColumn<Map.Entry<String, Long>, String> typeColumn;
    @FXML private TableColumn<Map.Entry<String, Long>, Long> countColumn;
    @FXML private ListView<Prerequisite> prerequisiteList;
    @FXML private Button refreshButton;

    private OverviewViewModel model;

    @Override
    public void attach(ConsoleContext context) {
        model = new OverviewViewModel(context);
        usersValue.textProperty().bind(model.users);
        modelsValue.textProperty().bind(model.models);
        modelsCaption.textProperty().bind(model.modelsCaption);
        serversValue.textProperty().bind(model.servers);
        resourcesValue.textProperty().bind(model.resources);
        readAtLabel.textProperty().bind(model.readAt);
        migrationState.textProperty().bind(model.migrationState);
        migrationSummary.textProperty().bind(model.migrationSummary);
        prerequisiteSummary.textProperty().bind(model.prerequisiteSummary);
        typeTable.setItems(model.resourcesByType);
        typeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        countColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        prerequisiteList.setItems(model.prerequisites);
        prerequisiteList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Prerequisite item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("check-ok", "check-missing");
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setText(item.name() + " (" + item.kind() + ")" + (item.present() ? "" : " — MISSING"));
                setGraphic(new FontIcon(item.present() ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE));
                getStyleClass().add(item.present() ? "check-ok" : "check-missing");
                setTooltip(new Tooltip("Why 005 needs it: " + item.why()));
            }
        });
        refreshButton.disableProperty().bind(model.loading.or(context.sessionProperty().isNull()));
        jobs.x402.console.ui.Placeholders.whileLoading(typesPlaceholder, model.loading, "Reading resources…");
        model.report.addListener((obs, old, report) -> showIdentity(report));
    }

    private void showIdentity(OverviewReport report) {
        TargetIdentity id = report.identity();
        identityLine.setText(id.host() + ":" + id.port() + " / " + id.database());
        serverVersion.setText("PostgreSQL " + id.serverVersion());
        roleLine.setText(id.role() + " · " + id.privileges());
        sslLine.setText((id.sslInUse() ? "encrypted" : "not encrypted") + " · sslmode=" + id.sslMode().parameter()
                + " · " + id.kind().name().toLowerCase(java.util.Locale.ROOT));
        schemaVariantLine.setText(OverviewViewModel.describeVariant(report.schemaVariant()));
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @FXML
    private void onRefresh() {
        refresh();
    }
}
