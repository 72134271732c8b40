package jobs.x402.console.ui;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import jobs.x402.console.target.TargetIdentity;

import java.util.function.Supplier;

/**
 * The window's confirmations: the target banner first, what will happen, the exact SQL when there is one; they start
 * on Cancel, so Enter alone never changes a database. Every node a test or the keyboard needs has an id.
 */
public final class FxDialogs implements Dialogs {
    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(TargetIdentity target, String title, String text, String sql, String actionLabel) {
        Dialog<ButtonType> dialog = dialog(target, title, text, sql);
        ButtonType ok = buttons(dialog, actionLabel);
        return dialog.showAndWait().filter(ok::equals).isPresent();
    }

    @Override
    public boolean confirmSafe(TargetIdentity target, String title, String text, String sql, String actionLabel) {
        Dialog<ButtonType> dialog = dialog(target, title, text, sql);
        ButtonType ok = buttons(dialog, actionLabel);
        actionIsDefault(dialog, ok);
        return dialog.showAndWait().filter(ok::equals).isPresent();
    }

    /** Enter does the action, Esc cancels: for the steps that lose nothing. */
    static void actionIsDefault(Dialog<ButtonType> dialog, ButtonType action) {
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setCancelButton(true);
        ((Button) dialog.getDialogPane().lookupButton(action)).setDefaultButton(true);
    }

    @Override
    public String confirmTyped(TargetIdentity target, String title, String text, String sql, String actionLabel) {
        Dialog<ButtonType> dialog = dialog(target, title, text, sql);
        TextField typed = new TextField();
        typed.setId("confirmDatabaseName");
        typed.setPromptText(target.database());
        ((VBox) dialog.getDialogPane().getContent()).getChildren().addAll(
                new Label("Type the database name (" + target.database() + ") to confirm"), typed);
        ButtonType ok = buttons(dialog, actionLabel);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !target.database().equals(typed.getText()), typed.textProperty()));
        Platform.runLater(typed::requestFocus);
        boolean confirmed = dialog.showAndWait().filter(ok::equals).isPresent();
        return confirmed ? typed.getText() : null;
    }

    private Dialog<ButtonType> dialog(TargetIdentity target, String title, String text, String sql) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle(title);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("confirmDialog");
        Label explain = new Label(text);
        explain.setWrapText(true);
        explain.setMaxWidth(720);
        VBox box = new VBox(10, TargetBanner.of(target), explain);
        if (sql != null) {
            TextArea area = new TextArea(sql);
            area.setId("confirmSql");
            area.setEditable(false);
            area.setWrapText(true);
            area.getStyleClass().addAll("code", "monospace");
            area.setPrefSize(720, 120);
            box.getChildren().add(area);
        }
        dialog.getDialogPane().setContent(box);
        return dialog;
    }

    private static ButtonType buttons(Dialog<ButtonType> dialog, String actionLabel) {
        ButtonType ok = new ButtonType(actionLabel, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("confirmOk");
        okButton.setDefaultButton(false);
        okButton.setMnemonicParsing(false);
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("confirmCancel");
        cancel.setDefaultButton(true);
        return ok;
    }
}
