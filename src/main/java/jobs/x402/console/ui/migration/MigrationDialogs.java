package jobs.x402.console.ui.migration;

import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.migration.RollbackImpact;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The Migration page's confirmations. Each shows the target banner first and starts on Cancel, so Enter alone never
 * changes a database; every node a test or the keyboard needs has an id.
 */
final class MigrationDialogs implements MigrationPrompts {
    private final java.util.function.Supplier<Window> owner;

    MigrationDialogs(java.util.function.Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(TargetIdentity target, String title, String text, String sql, String actionLabel) {
        return confirm(owner.get(), target, title, text, sql, actionLabel);
    }

    @Override
    public String confirmTyped(jobs.x402.console.target.TargetIdentity target, String title, String text,
                               String sql, String actionLabel) {
        return new jobs.x402.console.ui.FxDialogs(owner).confirmTyped(target, title, text, sql, actionLabel);
    }

    @Override
    public Optional<RollbackChoice> askRollback(TargetIdentity target, RollbackImpact impact, Path defaultBackup) {
        return askRollback(owner.get(), target, impact, defaultBackup);
    }

    static Node banner(TargetIdentity identity) {
        return jobs.x402.console.ui.TargetBanner.of(identity);
    }

    /** Shows what will run on which target; true when the operator pressed the OK button. */
    static boolean confirm(Window owner, TargetIdentity identity, String title, String text, String sql,
                           String okText) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("migrationConfirm");
        Label explain = new Label(text);
        explain.setWrapText(true);
        explain.setMaxWidth(720);
        VBox box = new VBox(10, banner(identity), explain);
        if (sql != null) {
            TextArea area = new TextArea(sql);
            area.setId("migrationConfirmSql");
            area.setEditable(false);
            area.getStyleClass().addAll("code", "monospace");
            area.setPrefSize(760, 360);
            box.getChildren().add(area);
        }
        dialog.getDialogPane().setContent(box);
        ButtonType ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("migrationConfirmOk");
        okButton.setDefaultButton(false);
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("migrationConfirmCancel");
        cancel.setDefaultButton(true);
        return dialog.showAndWait().filter(ok::equals).isPresent();
    }


    /**
     * The guarded rollback: impact first, a backup file (or an explicit waiver), and the database name typed. The
     * Roll back button stays disabled until all of that holds, and for good while openrouter_instant rows block it.
     */
    static Optional<RollbackChoice> askRollback(Window owner, TargetIdentity identity, RollbackImpact impact,
                                                Path defaultBackup) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Roll back migration 005");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("migrationRollbackDialog");
        TextArea impactText = new TextArea(describe(impact));
        impactText.setId("migrationRollbackImpact");
        impactText.setEditable(false);
        impactText.setWrapText(true);
        impactText.setPrefSize(720, 200);
        Label warning = new Label(impact.blocked()
                ? "Rollback is impossible while " + impact.blockingCount() + " openrouter_instant resources exist:"
                + " change or remove them first."
                : "Rollback drops the key table and both x402_resources columns in one transaction. It cannot be"
                + " undone; the backup lets `restore` put the values back after a re-apply.");
        warning.setWrapText(true);
        warning.setMaxWidth(720);
        warning.getStyleClass().add(impact.blocked() ? "badge-danger" : "badge-warning");
        TextField backup = new TextField(defaultBackup.toString());
        backup.setId("migrationBackupFile");
        backup.setTooltip(new Tooltip("JSON lines with every value the rollback destroys (ciphertext exactly as"
                + " stored, never decrypted) and a checksum; an existing file is never overwritten"));
        CheckBox waive = new CheckBox("Go without a backup (the values are lost for good)");
        waive.setId("migrationWaiveBackup");
        backup.disableProperty().bind(waive.selectedProperty());
        // a path is chosen, not only typed: Browse… starts where the default backup would go
        Button browse = new Button("Browse…");
        browse.setId("migrationBackupBrowse");
        browse.setMnemonicParsing(false);
        browse.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        browse.disableProperty().bind(waive.selectedProperty());
        browse.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Where to write the rollback backup");
            Path current = Path.of(backup.getText().isBlank() ? defaultBackup.toString() : backup.getText().strip());
            Path folder = current.toAbsolutePath().getParent();
            if (folder != null && java.nio.file.Files.isDirectory(folder)) {
                chooser.setInitialDirectory(folder.toFile());
            }
            chooser.setInitialFileName(current.getFileName() == null ? "" : current.getFileName().toString());
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Rollback backup (*.jsonl)",
                    "*.jsonl"));
            java.io.File chosen = chooser.showSaveDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                backup.setText(chosen.getPath());
            }
        });
        javafx.scene.layout.HBox.setHgrow(backup, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox backupRow = new javafx.scene.layout.HBox(6, backup, browse);
        TextField typed = new TextField();
        typed.setId("migrationConfirmDatabase");
        typed.setPromptText(identity.database());
        VBox box = new VBox(8, banner(identity), new Label("What rollback destroys"), impactText, warning,
                new Label("Backup file"), backupRow, waive,
                new Label("Type the database name (" + identity.database() + ") to confirm"), typed);
        dialog.getDialogPane().setContent(box);
        ButtonType rollBack = new ButtonType("Roll back", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(rollBack, ButtonType.CANCEL);
        Button rollBackButton = (Button) dialog.getDialogPane().lookupButton(rollBack);
        rollBackButton.setId("migrationRollbackConfirm");
        rollBackButton.setDefaultButton(false);
        rollBackButton.getStyleClass().add("danger");
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("migrationRollbackCancel");
        cancel.setDefaultButton(true);
        BooleanBinding ready = Bindings.createBooleanBinding(() -> !impact.blocked()
                        && identity.database().equals(typed.getText())
                        && (waive.isSelected() || !backup.getText().isBlank()),
                typed.textProperty(), waive.selectedProperty(), backup.textProperty());
        rollBackButton.disableProperty().bind(ready.not());
        Platform.runLater(typed::requestFocus);
        Optional<ButtonType> answer = dialog.showAndWait();
        if (answer.filter(rollBack::equals).isEmpty() || !ready.get()) {
            return Optional.empty();
        }
        return Optional.of(new RollbackChoice(waive.isSelected() ? null : Path.of(backup.getText().strip()),
                typed.getText()));
    }

    static String describe(RollbackImpact impact) {
        return String.join("\n", jobs.x402.console.session.MigrationText.impactLines(impact)) + "\n";
    }
}
