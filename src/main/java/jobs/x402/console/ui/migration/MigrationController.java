package jobs.x402.console.ui.migration;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.migration.ChangelogRow;
import jobs.x402.console.migration.MigrationState;
import jobs.x402.console.migration.SupabaseCliHistory;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.migration.ObjectCheck;
import jobs.x402.console.migration.VerificationStep;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.shell.PageController;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** Binds the Migration FXML to {@link MigrationViewModel} and asks the confirmations before anything changes. */
public final class MigrationController implements PageController {
    @FXML private Label readAtLabel;
    @FXML private Button refreshButton;
    @FXML private Label stateBadge;
    @FXML private Label summaryLabel;
    @FXML private Label recordLabel;
    @FXML private Button repairCliButton;
    @FXML private Button previewButton;
    @FXML private Button dryRunButton;
    @FXML private Button applyButton;
    @FXML private Button adoptButton;
    @FXML private Button verifyButton;
    @FXML private Button rollbackButton;
    @FXML private Button restoreButton;
    @FXML private Label resultLabel;
    @FXML private TabPane tabs;
    @FXML private Tab historyTab;
    @FXML private Tab locksTab;
    @FXML private TableView<ObjectCheck> evidenceTable;
    @FXML private TableColumn<ObjectCheck, ObjectCheck.Finding> findingColumn;
    @FXML private TableColumn<ObjectCheck, String> kindColumn;
    @FXML private TableColumn<ObjectCheck, String> nameColumn;
    @FXML private TableColumn<ObjectCheck, String> expectedColumn;
    @FXML private TableColumn<ObjectCheck, String> actualColumn;
    @FXML private Label previewNotes;
    @FXML private TextArea applySql;
    @FXML private TextArea rollbackSql;
    @FXML private TextArea dryRunText;
    @FXML private Label verificationSummary;
    @FXML private Button saveReportButton;
    @FXML private TableView<VerificationStep> stepTable;
    @FXML private TableColumn<VerificationStep, Integer> stepNumberColumn;
    @FXML private TableColumn<VerificationStep, Boolean> stepPassedColumn;
    @FXML private TableColumn<VerificationStep, String> stepTitleColumn;
    @FXML private TableColumn<VerificationStep, String> stepResultColumn;
    @FXML private TextArea stepDetail;
    @FXML private TableView<ChangelogRow> changelogTable;
    @FXML private TableColumn<ChangelogRow, String> executedColumn;
    @FXML private TableColumn<ChangelogRow, Integer> orderColumn;
    @FXML private TableColumn<ChangelogRow, String> changeSetColumn;
    @FXML private TableColumn<ChangelogRow, String> authorColumn;
    @FXML private TableColumn<ChangelogRow, String> execTypeColumn;
    @FXML private TableColumn<ChangelogRow, String> deploymentColumn;
    @FXML private TableColumn<ChangelogRow, String> checksumColumn;
    @FXML private TableColumn<ChangelogRow, String> tagColumn;
    @FXML private TableView<AuditLog.Entry> auditTable;
    @FXML private javafx.scene.layout.VBox timelineBox;
    @FXML private TableColumn<AuditLog.Entry, String> auditAtColumn;
    @FXML private TableColumn<AuditLog.Entry, String> auditUserColumn;
    @FXML private TableColumn<AuditLog.Entry, String> auditTargetColumn;
    @FXML private TableColumn<AuditLog.Entry, String> auditActionColumn;
    @FXML private TableColumn<AuditLog.Entry, String> auditResultColumn;
    @FXML private TextArea locksText;
    @FXML private Button readLocksButton;
    @FXML private Button releaseLockButton;

    private ConsoleContext context;
    private MigrationViewModel model;

    @Override
    public void attach(ConsoleContext consoleContext) {
        context = consoleContext;
        model = new MigrationViewModel(context, new MigrationDialogs(this::window));
        readAtLabel.textProperty().bind(model.readAt);
        stateBadge.textProperty().bind(model.stateBadge);
        summaryLabel.textProperty().bind(model.summary);
        recordLabel.textProperty().bind(model.recordLine);
        resultLabel.textProperty().bind(model.resultText);
        previewNotes.textProperty().bind(model.previewNotes);
        applySql.textProperty().bind(model.applySql);
        rollbackSql.textProperty().bind(model.rollbackSql);
        dryRunText.textProperty().bind(model.dryRunText);
        verificationSummary.textProperty().bind(model.verificationSummary);
        locksText.textProperty().bind(model.locksText);
        model.status.addListener((obs, old, report) -> styleBadge(report));

        bindEvidence();
        bindVerification();
        bindHistory();

        BooleanBinding idle = model.busy.not().and(context.sessionProperty().isNotNull());
        refreshButton.disableProperty().bind(idle.not());
        previewButton.disableProperty().bind(idle.not());
        dryRunButton.disableProperty().bind(idle.not().or(stateIsNot(EnumSet.of(MigrationState.PENDING))));
        applyButton.disableProperty().bind(idle.not().or(stateIsNot(EnumSet.of(MigrationState.PENDING))));
        adoptButton.disableProperty().bind(idle.not().or(Bindings.createBooleanBinding(() -> {
            MigrationStatusReport report = model.status.get();
            return report == null || !(report.state() == MigrationState.APPLIED_WITHOUT_RECORD
                    || (report.state() == MigrationState.APPLIED && report.recordedOnlyBySupabaseCli()));
        }, model.status)));
        repairCliButton.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> model.status.get() != null && model.status.get().supabaseCliNeedsRepair(), model.status));
        repairCliButton.managedProperty().bind(repairCliButton.visibleProperty());
        repairCliButton.disableProperty().bind(idle.not());
        verifyButton.disableProperty().bind(idle.not());
        rollbackButton.disableProperty().bind(idle.not()
                .or(stateIsNot(EnumSet.of(MigrationState.APPLIED, MigrationState.DRIFTED)))
                .or(Bindings.createBooleanBinding(() -> model.status.get() != null
                        && !model.status.get().recorded(), model.status)));
        restoreButton.disableProperty().bind(idle.not().or(stateIsNot(EnumSet.of(MigrationState.APPLIED))));
        saveReportButton.disableProperty().bind(model.verification.isNull());
        readLocksButton.disableProperty().bind(idle.not());
        releaseLockButton.disableProperty().bind(idle.not().or(Bindings.createBooleanBinding(
                () -> model.locks.get() == null || !model.locks.get().liquibaseLockPossiblyStale(), model.locks)));

        // the History and Locks tabs read when they are opened, so they never show a stale answer
        historyTab.setOnSelectionChanged(e -> {
            if (historyTab.isSelected()) {
                model.history();
            }
        });
        locksTab.setOnSelectionChanged(e -> {
            if (locksTab.isSelected()) {
                model.locks();
            }
        });
    }

    /** The view model, for tests that drive what a file chooser would otherwise ask. */
    public MigrationViewModel model() {
        return model;
    }

    private BooleanBinding stateIsNot(Set<MigrationState> allowed) {
        return Bindings.createBooleanBinding(() -> model.status.get() == null
                || !allowed.contains(model.status.get().state()), model.status);
    }

    private void styleBadge(MigrationStatusReport report) {
        stateBadge.getStyleClass().removeAll("badge-ok", "badge-muted", "badge-warning", "badge-danger");
        if (report == null) {
            return;
        }
        stateBadge.getStyleClass().add(switch (report.state()) {
            case APPLIED -> "badge-ok";
            case PENDING -> "badge-muted";
            case APPLIED_WITHOUT_RECORD -> "badge-warning";
            case PARTLY_APPLIED, DRIFTED -> "badge-danger";
        });
    }

    private void bindEvidence() {
        evidenceTable.setItems(model.evidence);
        findingColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().finding()));
        findingColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(ObjectCheck.Finding item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("badge-ok", "badge-muted", "badge-danger");
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(switch (item) {
                    case MATCHES -> "present";
                    case ABSENT -> "missing";
                    case DIFFERENT -> "DIFFERENT";
                });
                getStyleClass().add(switch (item) {
                    case MATCHES -> "badge-ok";
                    case ABSENT -> "badge-muted";
                    case DIFFERENT -> "badge-danger";
                });
            }
        });
        kindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind()));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        expectedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().expected()));
        actualColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().actual()));
        // identifiers and definitions run long: a cell that cannot show all of its text shows it in a tooltip
        for (TableColumn<ObjectCheck, String> column : java.util.List.of(kindColumn, nameColumn, expectedColumn,
                actualColumn)) {
            column.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                    super.updateItem(text, empty);
                    setText(empty ? null : text);
                    setTooltip(empty || text == null ? null : new javafx.scene.control.Tooltip(text));
                }
            });
        }
    }

    private void bindVerification() {
        stepTable.setItems(model.verificationSteps);
        stepNumberColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().number()));
        stepPassedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().passed()));
        stepPassedColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean passed, boolean empty) {
                super.updateItem(passed, empty);
                getStyleClass().removeAll("badge-ok", "badge-danger");
                if (empty || passed == null) {
                    setText(null);
                    return;
                }
                setText(passed ? "pass" : "FAIL");
                getStyleClass().add(passed ? "badge-ok" : "badge-danger");
            }
        });
        stepTitleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        stepResultColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().result()));
        stepTable.getSelectionModel().selectedItemProperty().addListener((obs, old, step) ->
                stepDetail.setText(step == null ? "" : step.sql().strip() + "\n\n-- result: " + step.result()
                        + (step.evidence().isEmpty() ? "" : "\n-- evidence:\n" + String.join("\n", step.evidence()))));
    }

    private void bindHistory() {
        changelogTable.setItems(model.changelog);
        executedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.valueOf(c.getValue().dateExecuted())));
        orderColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().orderExecuted()));
        changeSetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().id()));
        authorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().author()));
        execTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().execType()));
        deploymentColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().deploymentId()));
        checksumColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().checksum()));
        tagColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tag()));
        auditTable.setItems(model.audit);
        bindTimeline();
        auditAtColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(WHEN.format(c.getValue().at())));
        auditUserColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().osUser()));
        auditTargetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().target()));
        auditActionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        auditResultColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().result()));
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @FXML
    private void onRefresh() {
        refresh();
    }

    @FXML
    private void onPreview() {
        model.preview();
        tabs.getSelectionModel().select(1);
    }

    @FXML
    private void onDryRun() {
        model.dryRun();
        tabs.getSelectionModel().select(2);
    }

    @FXML
    private void onApply() {
        model.apply();
    }

    @FXML
    private void onAdopt() {
        model.adopt();
    }

    @FXML
    private void onRepairSupabaseHistory() {
        model.repairSupabaseHistory();
    }

    @FXML
    private void onVerify() {
        model.verify();
        tabs.getSelectionModel().select(3);
    }

    @FXML
    private void onSaveReport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the verification report");
        chooser.setInitialFileName("migration-005-verification.md");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown", "*.md"));
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                model.saveReport(file.toPath());
            } catch (RuntimeException e) {
                context.showError(e);
            }
        }
    }

    @FXML
    private void onRollback() {
        model.rollback();
    }

    @FXML
    private void onRestore() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a rollback backup to restore");
        File backups = context.environment().home().data("backups").toFile();
        if (backups.isDirectory()) {
            chooser.setInitialDirectory(backups);
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Rollback backups", "*.jsonl"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            confirmRestore(file.toPath());
        }
    }

    /** Asks before putting a chosen backup back; the step after the file chooser, which tests call directly. */
    public void confirmRestore(Path file) {
        model.restore(file);
    }

    @FXML
    private void onReadLocks() {
        model.locks();
    }

    @FXML
    private void onReleaseLock() {
        model.releaseStaleLock();
    }

    private Window window() {
        return tabs.getScene().getWindow();
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /**
     * Migration history as a timeline: a row per kind of step (Liquibase's record, each audited action) and a mark
     * each time it ran, so "applied, rolled back, restored, applied again" reads at a glance. Marks of failed or
     * refused steps are drawn in the theme's danger colour; every mark's tooltip says when, who and how it ended.
     */
    private void bindTimeline() {
        javafx.scene.chart.NumberAxis time = new javafx.scene.chart.NumberAxis();
        time.setForceZeroInRange(false);
        time.setAutoRanging(true);
        time.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            private final java.time.format.DateTimeFormatter days = java.time.format.DateTimeFormatter
                    .ofPattern("MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());
            private final java.time.format.DateTimeFormatter seconds = java.time.format.DateTimeFormatter
                    .ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

            @Override
            public String toString(Number at) {
                // steps minutes apart need seconds; steps days apart need the date
                boolean shortRange = time.getUpperBound() - time.getLowerBound() < 6 * 3600;
                return (shortRange ? seconds : days).format(java.time.Instant.ofEpochSecond(at.longValue()));
            }

            @Override
            public Number fromString(String text) {
                return 0;
            }
        });
        javafx.scene.chart.CategoryAxis step = new javafx.scene.chart.CategoryAxis();
        javafx.scene.chart.ScatterChart<Number, String> chart = new javafx.scene.chart.ScatterChart<>(time, step);
        chart.setId("migrationTimelineChart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setMinHeight(170);
        javafx.scene.layout.VBox.setVgrow(chart, javafx.scene.layout.Priority.ALWAYS);
        Label empty = new Label("No history yet: Read the history, or apply 005, and its steps show here.");
        empty.getStyleClass().add("notes");
        empty.setMnemonicParsing(false);
        timelineBox.getChildren().setAll(empty, chart);
        Runnable redraw = () -> {
            javafx.scene.chart.XYChart.Series<Number, String> marks = new javafx.scene.chart.XYChart.Series<>();
            java.util.List<String> tips = new java.util.ArrayList<>();
            java.util.List<Boolean> bad = new java.util.ArrayList<>();
            for (jobs.x402.console.migration.ChangelogRow row : model.changelog) {
                if (row.dateExecuted() == null) {
                    continue;
                }
                long at = row.dateExecuted().atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
                marks.getData().add(new javafx.scene.chart.XYChart.Data<>(at, "recorded by Liquibase"));
                tips.add(row.id() + " recorded " + row.dateExecuted().withNano(0) + " by " + row.author());
                bad.add(false);
            }
            for (AuditLog.Entry entry : model.audit) {
                marks.getData().add(new javafx.scene.chart.XYChart.Data<>(entry.at().getEpochSecond(),
                        entry.action()));
                tips.add(entry.action() + " · " + entry.result() + "\n" + WHEN.format(entry.at()) + " by "
                        + entry.osUser() + (entry.target() == null ? "" : " on " + entry.target()));
                bad.add(entry.result() != null && !entry.result().startsWith("ok") && !entry.result().equals("applied")
                        && !entry.result().equals("written"));
            }
            chart.getData().setAll(java.util.List.of(marks));
            for (int i = 0; i < marks.getData().size(); i++) {
                javafx.scene.Node node = marks.getData().get(i).getNode();
                if (node != null) {
                    javafx.scene.control.Tooltip.install(node, new javafx.scene.control.Tooltip(tips.get(i)));
                    if (bad.get(i)) {
                        node.setStyle("-fx-background-color: -color-danger-emphasis;");
                    }
                }
            }
            boolean none = marks.getData().isEmpty();
            empty.setVisible(none);
            empty.setManaged(none);
            chart.setVisible(!none);
            chart.setManaged(!none);
        };
        model.changelog.addListener((javafx.collections.ListChangeListener<jobs.x402.console.migration.ChangelogRow>)
                c -> redraw.run());
        model.audit.addListener((javafx.collections.ListChangeListener<AuditLog.Entry>) c -> redraw.run());
        redraw.run();
    }
}
