package jobs.x402.console.ui.resources;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import jobs.x402.console.session.ResourcesText;
import jobs.x402.console.resources.CatalogDiff;
import jobs.x402.console.resources.CatalogEntry;
import jobs.x402.console.resources.ConfigFinding;
import jobs.x402.console.resources.InstantRequestBuilder;
import jobs.x402.console.resources.InstantResourceEditor;
import jobs.x402.console.resources.ModelChoice;
import jobs.x402.console.resources.ResourceSummary;
import jobs.x402.console.resources.RunHistory;
import jobs.x402.console.resources.RunRecord;
import jobs.x402.console.ui.shell.ConsoleContext;
import jobs.x402.console.ui.shell.PageController;

import java.util.List;

/** Binds the Resources FXML to {@link ResourcesViewModel}; holds no logic of its own beyond presentation. */
public final class ResourcesController implements PageController {
    @FXML private Button syncModelsButton;
    @FXML private Button newButton;
    @FXML private Button refreshButton;
    @FXML private ComboBox<String> typeFilter;
    @FXML private ComboBox<String> serverFilter;
    @FXML private ComboBox<String> activeFilter;
    @FXML private TextField searchField;
    @FXML private Label listSummary;
    @FXML private Label listPlaceholder;
    @FXML private TableView<ResourceSummary> resourceTable;
    @FXML private Button deleteButton;
    @FXML private Button retypeButton;
    @FXML private TableColumn<ResourceSummary, String> slugColumn;
    @FXML private TableColumn<ResourceSummary, String> serverColumn;
    @FXML private TableColumn<ResourceSummary, String> modelColumn;
    @FXML private TableColumn<ResourceSummary, String> summaryColumn;
    @FXML private TabPane tabs;
    @FXML private Label editorStatus;
    @FXML private TextField nameField;
    @FXML private TextField slugField;
    @FXML private ComboBox<jobs.x402.console.resources.ServerChoice> serverField;
    @FXML private TextField modelSearchField;
    @FXML private ListView<ModelChoice> modelList;
    @FXML private TextArea promptField;
    @FXML private TextFlow promptHighlight;
    @FXML private TextArea parametersField;
    @FXML private TextField temperatureField;
    @FXML private TextField maxTokensField;
    @FXML private TextField topPField;
    @FXML private TextField frequencyField;
    @FXML private TextField presenceField;
    @FXML private CheckBox userMessageBox;
    @FXML private CheckBox activeBox;
    @FXML private TextField priceField;
    @FXML private ComboBox<String> networkField;
    @FXML private TextField payToField;
    @FXML private Button checkButton;
    @FXML private Button saveButton;
    @FXML private ListView<ConfigFinding> findingList;
    @FXML private TextArea runParametersField;
    @FXML private TextField userMessageField;
    @FXML private TextField openRouterUrlField;
    @FXML private PasswordField secretField;
    @FXML private TextField secretVariableField;
    @FXML private CheckBox asConfiguredBox;
    @FXML private Button previewButton;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private Label comparisonLabel;
    @FXML private javafx.scene.layout.HBox historyCharts;
    @FXML private TextArea previewArea;
    @FXML private VBox errorBox;
    @FXML private Label errorProblem;
    @FXML private Label errorRemedy;
    @FXML private Button markInvalidButton;
    @FXML private Label runStatus;
    @FXML private javafx.scene.control.ListView<String> outputList;
    @FXML private javafx.scene.control.ListView<String> reasoningList;
    private StreamedTextView outputView;
    @FXML private javafx.scene.control.TitledPane reasoningPane;
    @FXML private FlowPane imagePane;
    @FXML private Label figuresLabel;
    @FXML private ComboBox<RunRecord> leftRun;
    @FXML private ComboBox<RunRecord> rightRun;
    @FXML private TableView<RunHistory.Row> compareTable;
    @FXML private TableColumn<RunHistory.Row, String> compareLabelColumn;
    @FXML private TableColumn<RunHistory.Row, String> compareLeftColumn;
    @FXML private TableColumn<RunHistory.Row, String> compareRightColumn;

    private ResourcesViewModel model;

    @Override
    public void attach(ConsoleContext context) {
        model = new ResourcesViewModel(context, new jobs.x402.console.ui.FxDialogs(
                () -> resourceTable.getScene().getWindow()));
        var noSession = context.sessionProperty().isNull();
        bindList(noSession);
        bindEditor(noSession);
        bindRun();
        bindHistory();
        model.newResource();
    }

    private void bindList(javafx.beans.binding.BooleanBinding noSession) {
        typeFilter.setItems(model.typeChoices);
        typeFilter.valueProperty().bindBidirectional(model.typeFilter);
        serverFilter.setItems(model.serverFilterChoices);
        serverFilter.valueProperty().bindBidirectional(model.serverFilter);
        activeFilter.setItems(model.activeChoices);
        activeFilter.valueProperty().bindBidirectional(model.activeFilter);
        searchField.textProperty().bindBidirectional(model.searchText);
        // only the operator's choices re-read the list, not the page setting its own filter values
        typeFilter.setOnAction(e -> refreshIfShowing(typeFilter));
        serverFilter.setOnAction(e -> refreshIfShowing(serverFilter));
        activeFilter.setOnAction(e -> refreshIfShowing(activeFilter));
        searchField.setOnAction(e -> model.refresh());
        listSummary.textProperty().bind(model.listSummary);
        refreshButton.disableProperty().bind(model.loading.or(noSession));
        jobs.x402.console.ui.Placeholders.whileLoading(listPlaceholder, model.loading, "Reading resources…");
        var nothingSelected = resourceTable.getSelectionModel().selectedItemProperty().isNull();
        deleteButton.disableProperty().bind(noSession.or(nothingSelected));
        retypeButton.disableProperty().bind(noSession.or(nothingSelected));
        syncModelsButton.disableProperty().bind(noSession);
        newButton.disableProperty().bind(noSession);
        resourceTable.setItems(model.resources);
        slugColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().slug()));
        serverColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().serverSlug()));
        modelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().isInstant()
                ? (c.getValue().model() == null ? "(none)" : c.getValue().model()) : c.getValue().resourceType()));
        summaryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(summaryOf(c.getValue())));
        resourceTable.setRowFactory(table -> {
            TableRow<ResourceSummary> row = new TableRow<>() {
                @Override
                protected void updateItem(ResourceSummary item, boolean empty) {
                    super.updateItem(item, empty);
                    setStyle(item != null && !item.active() ? "-fx-opacity: 0.6;" : "");
                }
            };
            return row;
        });
        resourceTable.getSelectionModel().selectedItemProperty().addListener((o, a, selected) -> {
            if (selected != null) {
                model.open(selected);
            }
        });
    }

    private void refreshIfShowing(ComboBox<String> filter) {
        if (filter.isShowing() || filter.isFocused()) {
            model.refresh();
        }
    }

    private static String summaryOf(ResourceSummary r) {
        StringBuilder text = new StringBuilder(r.configSummary());
        if (!r.parameters().isEmpty()) {
            text.append(text.length() > 0 ? " · " : "").append("params ").append(String.join(", ", r.parameters()));
        }
        long errors = r.count(ConfigFinding.Severity.ERROR);
        long warnings = r.count(ConfigFinding.Severity.WARNING);
        if (errors + warnings > 0) {
            text.append(" · ⚠ ").append(errors).append(" error(s), ").append(warnings).append(" warning(s)");
        }
        return text.toString();
    }

    private void bindEditor(javafx.beans.binding.BooleanBinding noSession) {
        editorStatus.textProperty().bind(model.editorStatus);
        nameField.textProperty().bindBidirectional(model.name);
        slugField.textProperty().bindBidirectional(model.slug);
        checkWhileTyping(noSession);
        serverField.setItems(model.servers);
        serverField.valueProperty().bindBidirectional(model.server);
        modelSearchField.textProperty().bindBidirectional(model.modelSearch);
        modelSearchField.textProperty().addListener((o, a, b) -> model.filterModels());
        modelList.setItems(model.models);
        modelList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ModelChoice m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : m.openrouterId() + " · " + m.modality() + " · " + m.contextText()
                        + " ctx · " + m.priceText() + (m.active() ? "" : " · inactive"));
            }
        });
        modelList.getSelectionModel().selectedItemProperty().addListener((o, a, selected) -> {
            if (selected != null) {
                model.model.set(selected);
            }
        });
        model.model.addListener((o, a, selected) -> {
            if (selected != null && modelList.getSelectionModel().getSelectedItem() != selected) {
                modelList.getSelectionModel().select(selected);
            }
        });
        promptField.textProperty().bindBidirectional(model.systemPrompt);
        parametersField.textProperty().bindBidirectional(model.parameterLines);
        promptField.textProperty().addListener((o, a, b) -> highlightPrompt());
        parametersField.textProperty().addListener((o, a, b) -> highlightPrompt());
        temperatureField.textProperty().bindBidirectional(model.temperature);
        maxTokensField.textProperty().bindBidirectional(model.maxTokens);
        topPField.textProperty().bindBidirectional(model.topP);
        frequencyField.textProperty().bindBidirectional(model.frequencyPenalty);
        presenceField.textProperty().bindBidirectional(model.presencePenalty);
        userMessageBox.selectedProperty().bindBidirectional(model.allowsUserMessage);
        activeBox.selectedProperty().bindBidirectional(model.active);
        priceField.textProperty().bindBidirectional(model.price);
        networkField.getItems().setAll(InstantResourceEditor.NETWORKS);
        networkField.valueProperty().bindBidirectional(model.network);
        payToField.textProperty().bindBidirectional(model.payTo);
        checkButton.disableProperty().bind(noSession);
        saveButton.disableProperty().bind(noSession);
        findingList.setItems(model.findings);
        findingList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigFinding f, boolean empty) {
                super.updateItem(f, empty);
                getStyleClass().removeAll("finding-error", "finding-warning");
                if (empty || f == null) {
                    setText(null);
                    return;
                }
                setText(f.severity() + " · " + f.field() + ": " + f.message());
                setWrapText(true);
                setPrefWidth(0);
                if (f.severity() != ConfigFinding.Severity.INFO) {
                    getStyleClass().add(f.severity() == ConfigFinding.Severity.ERROR ? "finding-error"
                            : "finding-warning");
                }
            }
        });
        highlightPrompt();
    }

    /** The prompt again below the editor, declared {@code {name}{/name}} tags in green, undeclared ones in orange. */
    private void highlightPrompt() {
        String prompt = promptField.getText() == null ? "" : promptField.getText();
        List<String> declared = model.declaredParameters();
        promptHighlight.getChildren().clear();
        // long prompts: highlight the start only; the tags' list below still covers all of it
        String shown = prompt.length() > 4000 ? prompt.substring(0, 4000) + "…" : prompt;
        int at = 0;
        for (InstantRequestBuilder.TagSpan span : ResourcesText.tagSpans(shown)) {
            promptHighlight.getChildren().add(new Text(shown.substring(at, span.start())));
            Text tag = new Text(shown.substring(span.start(), span.end()));
            tag.getStyleClass().add(declared.contains(span.name()) ? "tag-declared" : "tag-undeclared");
            promptHighlight.getChildren().add(tag);
            at = span.end();
        }
        promptHighlight.getChildren().add(new Text(shown.substring(at)));
        List<String> undeclared = ResourcesText.tagsIn(prompt).stream()
                .filter(name -> !declared.contains(name)).toList();
        if (!undeclared.isEmpty()) {
            Text warning = new Text("\n⚠ not declared, sent as written: " + String.join(", ", undeclared));
            warning.getStyleClass().add("tag-undeclared");
            warning.setId("undeclaredWarning");
            promptHighlight.getChildren().add(warning);
        }
    }

    private void bindRun() {
        runParametersField.textProperty().bindBidirectional(model.runParameters);
        userMessageField.textProperty().bindBidirectional(model.userMessage);
        userMessageField.disableProperty().bind(model.allowsUserMessage.not());
        openRouterUrlField.textProperty().bindBidirectional(model.openRouterUrl);
        secretVariableField.textProperty().bindBidirectional(model.secretVariable);
        secretField.textProperty().addListener((o, a, typed) -> model.setTypedSecret(typed.toCharArray()));
        asConfiguredBox.selectedProperty().bindBidirectional(model.asConfigured);
        var noResource = model.editing.isNull();
        previewButton.disableProperty().bind(noResource.or(model.running));
        runButton.disableProperty().bind(noResource.or(model.running));
        cancelButton.disableProperty().bind(model.running.not());
        comparisonLabel.textProperty().bind(model.comparisonText);
        previewArea.textProperty().bind(model.requestPreview);
        outputView = new StreamedTextView(outputList);
        StreamedTextView reasoningView = new StreamedTextView(reasoningList);
        model.output.attach(outputView::append, outputView::clear);
        model.reasoning.attach(reasoningView::append, reasoningView::clear);
        reasoningPane.visibleProperty().bind(model.reasoning.emptyProperty().not());
        reasoningPane.managedProperty().bind(reasoningPane.visibleProperty());
        runStatus.textProperty().bind(model.runStatus);
        figuresLabel.textProperty().bind(model.runFigures);
        errorBox.visibleProperty().bind(model.runError.isNotNull());
        errorBox.managedProperty().bind(errorBox.visibleProperty());
        model.runError.addListener((o, a, error) -> {
            errorProblem.setText(error == null ? "" : error.problem());
            errorRemedy.setText(error == null || error.remedy().isEmpty() ? "" : "What to do: " + error.remedy());
        });
        markInvalidButton.visibleProperty().bind(model.offerMarkInvalid);
        markInvalidButton.managedProperty().bind(markInvalidButton.visibleProperty());
        model.images.addListener((javafx.collections.ListChangeListener<String>) change -> {
            imagePane.getChildren().clear();
            for (String url : model.images) {
                ImageView view = new ImageView(new Image(url, 240, 240, true, true, true));
                imagePane.getChildren().add(view);
            }
        });
    }

    /** The most runs the history charts show: the newest, oldest on the left. */
    static final int CHARTED_RUNS = 30;

    /**
     * Test-run history as pictures: time to first token and total duration per run (a line each), and each run's
     * cost (bars), for the newest {@value #CHARTED_RUNS} runs. A run is named by its number, and its tooltip says
     * which resource and model it ran and how it ended.
     */
    private void bindHistoryCharts() {
        javafx.scene.chart.CategoryAxis runsForTime = new javafx.scene.chart.CategoryAxis();
        runsForTime.setLabel("run");
        javafx.scene.chart.NumberAxis millis = new javafx.scene.chart.NumberAxis();
        millis.setLabel("ms");
        javafx.scene.chart.LineChart<String, Number> times = new javafx.scene.chart.LineChart<>(runsForTime, millis);
        times.setId("historyTimes");
        times.setTitle("Time to first token and duration");
        times.setAnimated(false);
        times.setPrefHeight(240); // room for the legend under the axis
        javafx.scene.chart.CategoryAxis runsForCost = new javafx.scene.chart.CategoryAxis();
        runsForCost.setLabel("run");
        javafx.scene.chart.NumberAxis usd = new javafx.scene.chart.NumberAxis();
        usd.setLabel("USD");
        javafx.scene.chart.BarChart<String, Number> costs = new javafx.scene.chart.BarChart<>(runsForCost, usd);
        costs.setId("historyCosts");
        costs.setTitle("Cost per run");
        costs.setAnimated(false);
        costs.setLegendVisible(false);
        costs.setPrefHeight(240);
        javafx.scene.layout.HBox.setHgrow(times, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox.setHgrow(costs, javafx.scene.layout.Priority.ALWAYS);
        historyCharts.getChildren().setAll(times, costs);
        historyCharts.managedProperty().bind(historyCharts.visibleProperty());
        historyCharts.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.history));
        javafx.collections.ListChangeListener<RunRecord> redraw = c -> {
            List<RunRecord> newestFirst = model.history.stream()
                    .sorted(java.util.Comparator.comparing(RunRecord::at).reversed()).limit(CHARTED_RUNS).toList();
            List<RunRecord> runs = new java.util.ArrayList<>(newestFirst);
            java.util.Collections.reverse(runs);
            javafx.scene.chart.XYChart.Series<String, Number> firstToken = new javafx.scene.chart.XYChart.Series<>();
            firstToken.setName("time to first token");
            javafx.scene.chart.XYChart.Series<String, Number> total = new javafx.scene.chart.XYChart.Series<>();
            total.setName("duration");
            javafx.scene.chart.XYChart.Series<String, Number> cost = new javafx.scene.chart.XYChart.Series<>();
            for (int i = 0; i < runs.size(); i++) {
                RunRecord run = runs.get(i);
                String name = "#" + (model.history.size() - runs.size() + i + 1);
                if (run.timeToFirstTokenMillis() != null) {
                    firstToken.getData().add(new javafx.scene.chart.XYChart.Data<>(name, run.timeToFirstTokenMillis(),
                            run));
                }
                if (run.totalMillis() != null) {
                    total.getData().add(new javafx.scene.chart.XYChart.Data<>(name, run.totalMillis(), run));
                }
                cost.getData().add(new javafx.scene.chart.XYChart.Data<>(name,
                        run.cost() == null ? 0 : run.cost().doubleValue(), run));
            }
            times.getData().setAll(List.of(firstToken, total));
            costs.getData().setAll(List.of(cost));
            for (javafx.scene.chart.XYChart.Series<String, Number> series : List.of(firstToken, total, cost)) {
                for (javafx.scene.chart.XYChart.Data<String, Number> point : series.getData()) {
                    RunRecord run = (RunRecord) point.getExtraValue();
                    if (point.getNode() != null) {
                        javafx.scene.control.Tooltip.install(point.getNode(), new javafx.scene.control.Tooltip(
                                point.getXValue() + " · " + run.label() + "\ntime to first token "
                                        + (run.timeToFirstTokenMillis() == null ? "–" : run.timeToFirstTokenMillis()
                                        + " ms") + " · duration " + (run.totalMillis() == null ? "–"
                                        : run.totalMillis() + " ms") + " · cost " + (run.cost() == null
                                        ? "not reported" : run.cost().toPlainString() + " USD")));
                    }
                }
            }
        };
        model.history.addListener(redraw);
        redraw.onChanged(null);
    }

    private void bindHistory() {
        bindHistoryCharts();
        leftRun.setItems(model.history);
        rightRun.setItems(model.history);
        leftRun.valueProperty().bindBidirectional(model.compareLeft);
        rightRun.valueProperty().bindBidirectional(model.compareRight);
        javafx.util.StringConverter<RunRecord> label = new javafx.util.StringConverter<>() {
            @Override
            public String toString(RunRecord r) {
                return r == null ? "" : r.label();
            }

            @Override
            public RunRecord fromString(String s) {
                return null;
            }
        };
        leftRun.setConverter(label);
        rightRun.setConverter(label);
        compareTable.setItems(model.comparison);
        compareLabelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                (c.getValue().differs() ? "≠ " : "") + c.getValue().label()));
        compareLeftColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().left()));
        compareRightColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().right()));
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
    private void onNew() {
        resourceTable.getSelectionModel().clearSelection();
        model.newResource();
        tabs.getSelectionModel().select(0);
    }

    /**
     * Validation as you type: 700 ms after the last change to the form, the editor checks the draft (the same check
     * as the Check button) and lists what it finds, while the field is still in front of the operator.
     */
    private void checkWhileTyping(javafx.beans.binding.BooleanBinding noSession) {
        javafx.animation.PauseTransition quiet = new javafx.animation.PauseTransition(javafx.util.Duration.millis(700));
        quiet.setOnFinished(e -> {
            if (!noSession.get() && !model.loading.get()) {
                model.check();
            }
        });
        // a change listener, not an invalidation listener: nothing reads these between keystrokes, and an invalid
        // property does not report a second change
        javafx.beans.value.ChangeListener<Object> edited = (o, before, after) -> quiet.playFromStart();
        for (javafx.beans.value.ObservableValue<?> field : java.util.List.of(model.name, model.slug,
                model.systemPrompt, model.parameterLines, model.temperature, model.maxTokens, model.topP,
                model.frequencyPenalty, model.presencePenalty, model.price, model.payTo, model.server, model.model)) {
            field.addListener(edited);
        }
    }

    @FXML
    private void onCheck() {
        model.check();
    }

    @FXML
    private void onSave() {
        model.save();
    }

    @FXML
    private void onPreview() {
        model.preview();
    }

    @FXML
    private void onRun() {
        model.run();
    }

    @FXML
    private void onCancelRun() {
        model.cancel();
    }

    @FXML
    private void onMarkInvalid() {
        model.markKeyInvalid();
    }

    @FXML
    private void onSyncModels() {
        model.syncModels(this::confirmSync);
    }

    /** Shows the diff; applying needs an explicit OK, as every change in the console does. */
    private void confirmSync(CatalogDiff diff) {
        StringBuilder text = new StringBuilder();
        diff.added().stream().limit(30).forEach(e -> text.append("+ ").append(describe(e)).append('\n'));
        diff.changed().stream().limit(30).forEach(c -> text.append("~ ").append(c.openrouterId()).append(": ")
                .append(String.join(", ", c.changes().stream().map(CatalogDiff.FieldChange::column).toList()))
                .append('\n'));
        diff.deactivated().stream().limit(30).forEach(id -> text.append("- ").append(id)
                .append(" (set inactive, kept): ").append(diff.reasonFor(id)).append('\n'));
        if (!diff.longContextPrices().isEmpty()) {
            text.append("\nLong prompts cost more (the catalog keeps the base price):\n");
            diff.longContextPrices().stream().limit(30).forEach(p -> text.append("  ").append(p.describe())
                    .append('\n'));
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        alert.setTitle("Sync models");
        alert.setHeaderText(model.catalogName() + ": " + diff.summary());
        TextArea details = new TextArea(text.length() == 0 ? "Nothing to change." : text.toString());
        details.setEditable(false);
        details.setId("syncDiff");
        alert.getDialogPane().setContent(details);
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("confirmSync");
        if (resourceTable.getScene() != null) {
            alert.initOwner(resourceTable.getScene().getWindow());
        }
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.applySync(diff));
    }

    private static String describe(CatalogEntry e) {
        return e.openrouterId() + " (" + e.modality() + ")";
    }

    /** The streamed answer as shown, line breaks included (for tests and copying). */
    public String outputText() {
        return outputView.text();
    }

    @FXML
    private void onDelete() {
        model.delete(resourceTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void onRetype() {
        ResourceSummary selected = resourceTable.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        java.util.List<String> choices = new java.util.ArrayList<>(jobs.x402.console.session.ResourcesApi
                .retypeChoices());
        choices.remove(selected.resourceType());
        javafx.scene.control.ChoiceDialog<String> ask = new javafx.scene.control.ChoiceDialog<>(
                choices.contains("prompt_template") ? "prompt_template" : choices.get(0), choices);
        ask.initOwner(resourceTable.getScene().getWindow());
        ask.setTitle("Change the type of " + selected.slug());
        ask.setHeaderText(selected.slug() + " is " + selected.resourceType() + ". New type:");
        ask.getDialogPane().setId("retypeChoice");
        ask.showAndWait().ifPresent(type -> model.retype(selected, type));
    }
}
