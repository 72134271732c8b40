package jobs.x402.console.ui.rls;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import jobs.x402.console.rls.LintFinding;
import jobs.x402.console.rls.PolicyCommand;
import jobs.x402.console.rls.TableSecurity;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.shell.PageController;

import java.util.List;
import java.util.function.Function;

/** Binds the Row Level Security FXML to {@link RlsViewModel}. */
public final class RlsController implements PageController {
    @FXML private TextField searchField;
    @FXML private CheckBox onlyFindings;
    @FXML private Label summaryLabel;
    @FXML private Label readAtLabel;
    @FXML private Button refreshButton;
    @FXML private TableView<TableSecurity> tableList;
    @FXML private TableColumn<TableSecurity, String> nameColumn;
    @FXML private TableColumn<TableSecurity, String> rlsColumn;
    @FXML private TableColumn<TableSecurity, String> forceColumn;
    @FXML private TableColumn<TableSecurity, String> policiesColumn;
    @FXML private TableColumn<TableSecurity, String> anonColumn;
    @FXML private TableColumn<TableSecurity, String> authenticatedColumn;
    @FXML private TableColumn<TableSecurity, String> serviceColumn;
    @FXML private TableColumn<TableSecurity, String> exposedColumn;
    @FXML private TableColumn<TableSecurity, Long> rowsColumn;
    @FXML private Label selectedTitle;
    @FXML private TableView<RlsViewModel.PolicyRow> policyTable;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyName;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyCommand;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyRoles;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyKind;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyUsing;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyCheck;
    @FXML private TableColumn<RlsViewModel.PolicyRow, String> policyReading;
    @FXML private TableView<LintFinding> lintTable;
    @FXML private TableColumn<LintFinding, String> lintLevel;
    @FXML private TableColumn<LintFinding, String> lintId;
    @FXML private TableColumn<LintFinding, String> lintObject;
    @FXML private TableColumn<LintFinding, String> lintDetail;
    @FXML private TextArea fixArea;
    @FXML private Button suppressButton;
    @FXML private ComboBox<String> personaBox;
    @FXML private Button probeButton;
    @FXML private Label probeSummary;
    @FXML private TableView<RlsViewModel.ProbeRow> probeTable;
    @FXML private TableColumn<RlsViewModel.ProbeRow, String> probePersona;
    @FXML private TableColumn<RlsViewModel.ProbeRow, String> probeOperation;
    @FXML private TableColumn<RlsViewModel.ProbeRow, String> probeResult;
    @FXML private Button matrixButton;
    @FXML private Button hardenButton;
    @FXML private Label hardeningLabel;
    @FXML private Button exportPgTapButton;
    @FXML private Label matrixSummary;
    @FXML private TableView<RlsViewModel.MatrixRow> matrixTable;
    @FXML private TableColumn<RlsViewModel.MatrixRow, String> matrixTableColumn;
    @FXML private TableColumn<RlsViewModel.MatrixRow, String> matrixPersona;
    @FXML private TableColumn<RlsViewModel.MatrixRow, jobs.x402.console.rls.AccessCell> matrixSelect;
    @FXML private TableColumn<RlsViewModel.MatrixRow, jobs.x402.console.rls.AccessCell> matrixInsert;
    @FXML private TableColumn<RlsViewModel.MatrixRow, jobs.x402.console.rls.AccessCell> matrixUpdate;
    @FXML private TableColumn<RlsViewModel.MatrixRow, jobs.x402.console.rls.AccessCell> matrixDelete;

    private RlsViewModel model;

    @Override
    public void attach(ConsoleContext context) {
        model = new RlsViewModel(context, new jobs.x402.console.ui.FxDialogs(
                () -> tableList.getScene().getWindow()));
        searchField.textProperty().bindBidirectional(model.search);
        onlyFindings.selectedProperty().bindBidirectional(model.onlyWithFindings);
        summaryLabel.textProperty().bind(model.summary);
        readAtLabel.textProperty().bind(model.readAt);
        refreshButton.disableProperty().bind(model.loading.or(context.sessionProperty().isNull()));

        SortedList<TableSecurity> sorted = new SortedList<>(model.visibleTables);
        sorted.comparatorProperty().bind(tableList.comparatorProperty());
        tableList.setItems(sorted);
        text(nameColumn, TableSecurity::displayName);
        badge(rlsColumn, t -> t.rlsEnabled() ? "on" : "OFF", t -> t.rlsEnabled() ? "badge-ok" : "badge-danger");
        badge(forceColumn, t -> t.rlsForced() ? "forced" : "-", t -> t.rlsForced() ? "badge-ok" : "badge-muted");
        text(policiesColumn, RlsController::policyCounts);
        text(anonColumn, t -> grants(t, "anon"));
        text(authenticatedColumn, t -> grants(t, "authenticated"));
        text(serviceColumn, t -> grants(t, "service_role"));
        text(exposedColumn, t -> t.apiExposed() ? "API" : "-");
        rowsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().estimatedRows()));
        rowsColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long rows, boolean empty) {
                super.updateItem(rows, empty);
                // -1: never analyzed, so PostgreSQL has no estimate
                setText(empty || rows == null ? null : rows < 0 ? "?" : String.format("%,d", rows));
            }
        });
        tableList.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> model.selected.set(t));

        selectedTitle.textProperty().bind(model.selectedTitle);
        policyTable.setItems(model.policies);
        text(policyName, RlsViewModel.PolicyRow::name);
        text(policyCommand, RlsViewModel.PolicyRow::command);
        text(policyRoles, RlsViewModel.PolicyRow::roles);
        text(policyKind, RlsViewModel.PolicyRow::kind);
        text(policyUsing, RlsViewModel.PolicyRow::using);
        text(policyCheck, RlsViewModel.PolicyRow::withCheck);
        text(policyReading, RlsViewModel.PolicyRow::reading);

        lintTable.setItems(model.findings);
        badge(lintLevel, f -> f.level().name(), f -> switch (f.level()) {
            case ERROR -> "badge-danger";
            case WARN -> "badge-warning";
            case INFO -> "badge-muted";
        });
        text(lintId, f -> f.rule().id());
        text(lintObject, LintFinding::object);
        text(lintDetail, LintFinding::detail);
        lintTable.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> model.selectedFinding.set(f));
        fixArea.textProperty().bind(model.fixSql);
        suppressButton.disableProperty().bind(model.selectedFinding.isNull());

        personaBox.setItems(model.personaChoices);
        personaBox.setEditable(true);
        personaBox.valueProperty().bindBidirectional(model.persona);
        probeButton.disableProperty().bind(model.probing.or(model.selected.isNull())
                .or(context.sessionProperty().isNull()));
        probeSummary.textProperty().bind(model.probeSummary);
        probeTable.setItems(model.probeRows);
        text(probePersona, RlsViewModel.ProbeRow::persona);
        text(probeOperation, RlsViewModel.ProbeRow::operation);
        badge(probeResult, RlsViewModel.ProbeRow::result, r -> r.problem() ? "badge-danger"
                : r.denied() ? "badge-warning" : "badge-ok");

        matrixButton.disableProperty().bind(model.matrixRunning.or(context.sessionProperty().isNull()));
        exportPgTapButton.disableProperty().bind(model.matrixRunning.or(context.sessionProperty().isNull()));
        matrixSummary.textProperty().bind(model.matrixSummary);
        hardeningLabel.textProperty().bind(model.hardeningState);
        hardenButton.textProperty().bind(javafx.beans.binding.Bindings.when(model.hardened)
                .then("Roll back hardening…").otherwise("Harden 005…"));
        hardenButton.disableProperty().bind(model.matrixRunning.or(context.sessionProperty().isNull()));
        matrixTable.setItems(model.matrixRows);
        text(matrixTableColumn, RlsViewModel.MatrixRow::table);
        text(matrixPersona, RlsViewModel.MatrixRow::persona);
        verdict(matrixSelect, RlsViewModel.MatrixRow::select);
        verdict(matrixInsert, RlsViewModel.MatrixRow::insert);
        verdict(matrixUpdate, RlsViewModel.MatrixRow::update);
        verdict(matrixDelete, RlsViewModel.MatrixRow::delete);
    }

    /** A matrix cell: its verdict coloured, its evidence (the statements and what they answered) in the tooltip. */
    private static void verdict(TableColumn<RlsViewModel.MatrixRow, jobs.x402.console.rls.AccessCell> column,
                                Function<RlsViewModel.MatrixRow, jobs.x402.console.rls.AccessCell> cell) {
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(jobs.x402.console.rls.AccessCell item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("badge-ok", "badge-danger", "badge-warning", "badge-muted");
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(item.verdict().text());
                getStyleClass().add(switch (item.verdict()) {
                    case OWN_ROWS_ONLY -> "badge-ok";
                    case ALLOWED, PARTIAL -> "badge-warning";
                    case DENIED -> "badge-muted";
                    case NOT_RUN, FAILED -> "badge-danger";
                });
                javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(item.summary()
                        + (item.steps().isEmpty() ? "" : "\n\n" + item.sqlText()));
                tip.setWrapText(true);
                tip.setMaxWidth(720);
                tip.setShowDuration(javafx.util.Duration.INDEFINITE);
                setTooltip(tip);
            }
        });
    }

    private static String policyCounts(TableSecurity t) {
        StringBuilder s = new StringBuilder();
        for (PolicyCommand command : PolicyCommand.values()) {
            long n = t.policyCount(command);
            if (n > 0) {
                s.append(s.length() == 0 ? "" : " ").append(command.name()).append(' ').append(n);
            }
        }
        return s.length() == 0 ? "none" : s + (t.restrictiveCount() > 0 ? " (" + t.restrictiveCount()
                + " restrictive)" : "");
    }

    private static String grants(TableSecurity t, String role) {
        if (!t.grants().containsKey(role)) {
            return "n/a";
        }
        StringBuilder s = new StringBuilder();
        for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
            s.append(t.granted(role, privilege) ? privilege.charAt(0) : '·');
        }
        return s.toString();
    }

    private static <S> void text(TableColumn<S, String> column, Function<S, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        // a name or sentence too long for the column is never lost: the whole text is in the tooltip
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                if (empty || item == null || item.isEmpty()) {
                    setTooltip(null);
                } else {
                    javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(item);
                    tip.setWrapText(true);
                    tip.setMaxWidth(640);
                    setTooltip(tip);
                }
            }
        });
    }

    /** A text cell with a style class per row, so states read at a glance (green on, red OFF). */
    private static <S> void badge(TableColumn<S, String> column, Function<S, String> value,
                                  Function<S, String> styleClass) {
        text(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("badge-ok", "badge-danger", "badge-warning", "badge-muted");
                S row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                if (row != null) {
                    getStyleClass().add(styleClass.apply(row));
                }
            }
        });
    }

    @Override
    public void refresh() {
        model.refresh();
        model.readHardening();
    }

    @FXML
    private void onRefresh() {
        refresh();
    }

    @FXML
    private void onProbe() {
        model.probe();
    }

    @FXML
    private void onHarden() {
        model.toggleHardening();
    }

    @FXML
    private void onMatrix() {
        model.runMatrix();
    }

    @FXML
    private void onExportPgTap() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Export the access matrix as a pgTAP suite");
        chooser.setInitialFileName("rls_access_matrix_test.sql");
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("SQL", "*.sql"));
        java.io.File file = chooser.showSaveDialog(matrixTable.getScene() == null ? null
                : matrixTable.getScene().getWindow());
        if (file != null) {
            model.exportPgTap(file.toPath());
        }
    }

    @FXML
    private void onSuppress() {
        model.suppressSelected();
    }
}
