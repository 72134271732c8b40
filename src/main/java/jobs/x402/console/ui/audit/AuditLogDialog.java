package jobs.x402.console.ui.audit;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.ui.AppIcons;
import jobs.x402.console.ui.TextFit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * File → Audit log…: every change made from this machine, newest first, with the filters of {@code audit list}.
 * Read only; the table is virtual, so a long log scrolls as fast as a short one.
 */
public final class AuditLogDialog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final Stage stage = new Stage();

    public AuditLogDialog(Window owner, AuditLogViewModel model) {
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Audit log");
        AppIcons.apply(stage);

        TextField action = field("auditAction", "action, e.g. keys. or migration.apply", model.action.get(), 240);
        TextField search = field("auditSearch", "target, subject, result or role", model.search.get(), 240);
        TextField since = field("auditSince", "since: 30m, 12h, 7d or 2026-12-01", model.since.get(), 250);
        since.setTooltip(new Tooltip("Only entries since then: a duration back from now (30m, 12h, 7d), a date"
                + " (midnight on this machine) or an instant (2026-12-01T09:30:00Z)"));
        model.action.bind(action.textProperty());
        model.search.bind(search.textProperty());
        model.since.bind(since.textProperty());
        Button read = new Button("Read");
        read.setId("auditRead");
        read.setDefaultButton(true); // Enter in a filter field reads with it
        read.setMnemonicParsing(false);
        read.setOnAction(e -> model.reload());
        read.disableProperty().bind(model.loading);
        FlowPane filters = new FlowPane(8, 6, label("Action", action), action, label("Search", search), search,
                label("Since", since), since, read);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditLog.Entry> table = new TableView<>(model.entries);
        table.setId("auditTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("when", 175, e -> TIME.format(e.at())));
        table.getColumns().add(column("action", 170, AuditLog.Entry::action));
        table.getColumns().add(column("result", 110, AuditLog.Entry::result));
        table.getColumns().add(column("subject", 220, AuditLog.Entry::subject));
        table.getColumns().add(column("role", 90, AuditLog.Entry::databaseRole));
        table.getColumns().add(column("OS user", 90, AuditLog.Entry::osUser));
        table.getColumns().add(column("target", 320, AuditLog.Entry::target));
        Label placeholder = new Label();
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(model.loading)
                .then("Reading the audit log…").otherwise("No entry matches the filters"));
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("auditSummary");
        summary.setMnemonicParsing(false);
        summary.getStyleClass().add("notes");
        summary.textProperty().bind(model.summary);

        VBox root = new VBox(10, filters, table, summary);
        root.setPadding(new Insets(14));
        root.setId("auditDialog");
        Scene scene = new Scene(root, 1100, 560);
        scene.getStylesheets().add(AuditLogDialog.class.getResource("/fxml/console.css").toExternalForm());
        TextFit.install(scene);
        stage.setScene(scene);
        stage.setMinWidth(700);
        stage.setMinHeight(360);
    }

    public void show(AuditLogViewModel model) {
        stage.show();
        model.reload();
    }

    private static Label label(String text, TextField field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.setMnemonicParsing(false);
        return label;
    }

    private static TextField field(String id, String prompt, String value, double width) {
        TextField field = new TextField(value);
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        return field;
    }

    private static TableColumn<AuditLog.Entry, String> column(String title, double width,
                                                              Function<AuditLog.Entry, String> value) {
        TableColumn<AuditLog.Entry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}
