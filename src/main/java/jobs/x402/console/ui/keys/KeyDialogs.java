package jobs.x402.console.ui.keys;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import jobs.x402.console.keys.EncryptedKeyTable;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The keys page's small dialogs. Every node a test or an operator's keyboard needs has an id; secrets are read from
 * PasswordFields as chars and the fields are cleared as soon as they are read.
 */
final class KeyDialogs implements jobs.x402.console.ui.Dialogs {
    private final java.util.function.Supplier<Window> owner;

    KeyDialogs(java.util.function.Supplier<Window> owner) {
        this.owner = owner;
    }

    /** The Keys page's confirmation: the target banner first, then the question; true when the operator chose OK. */
    @Override
    public boolean confirm(jobs.x402.console.target.TargetIdentity target, String title, String text, String sql,
                           String okText) {
        return ask(target, title, text, okText, false);
    }

    @Override
    public boolean confirmSafe(jobs.x402.console.target.TargetIdentity target, String title, String text, String sql,
                               String okText) {
        return ask(target, title, text, okText, true);
    }

    private boolean ask(jobs.x402.console.target.TargetIdentity target, String title, String text, String okText,
                        boolean safe) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, new ButtonType(okText,
                ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle(title);
        alert.getDialogPane().setHeader(jobs.x402.console.ui.TargetBanner.of(target));
        alert.getDialogPane().setPrefWidth(720);
        alert.getDialogPane().setId("keysConfirm");
        ButtonType ok = alert.getButtonTypes().get(0);
        ((Button) alert.getDialogPane().lookupButton(ok)).setId("keysConfirmOk");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setId("keysConfirmCancel");
        // a question that can hurt starts on Cancel, so Enter alone never confirms it; a safe one starts on its action
        ((Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(safe);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(!safe);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setCancelButton(true);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    @Override
    public String confirmTyped(jobs.x402.console.target.TargetIdentity target, String title, String text,
                               String sql, String actionLabel) {
        return new jobs.x402.console.ui.FxDialogs(owner).confirmTyped(target, title, text, sql, actionLabel);
    }

    /** Asks for a secret or passphrase in a masked field; the caller wipes the chars. */
    static Optional<char[]> askSecret(Window owner, String title, String prompt) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.getDialogPane().setId("keysSecretDialog");
        PasswordField field = new PasswordField();
        field.setId("keysSecretField");
        field.setPromptText(prompt);
        dialog.getDialogPane().setContent(new VBox(8, new Label(prompt), field));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).setId("keysSecretOk");
        Platform.runLater(field::requestFocus);
        Optional<ButtonType> answer = dialog.showAndWait();
        char[] chars = readAndClear(field);
        if (answer.filter(ButtonType.OK::equals).isEmpty()) {
            java.util.Arrays.fill(chars, '\0');
            return Optional.empty();
        }
        return Optional.of(chars);
    }

    /**
     * Masked fields, read as chars and cleared at once; empty when cancelled. The fields' ids are {@code idPrefix}
     * followed by their number from 0.
     */
    static Optional<java.util.List<char[]>> askSecrets(Window owner, String title, String explanation,
                                                       String idPrefix, java.util.List<String> labels) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(explanation);
        dialog.getDialogPane().setId(idPrefix + "Dialog");
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        java.util.List<PasswordField> fields = new java.util.ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Label label = new Label(labels.get(i));
            label.setMnemonicParsing(false);
            PasswordField field = new PasswordField();
            field.setId(idPrefix + i);
            field.setPrefColumnCount(28);
            grid.addRow(i, label, field);
            fields.add(field);
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ButtonType.OK).setId(idPrefix + "Ok");
        Platform.runLater(fields.get(0)::requestFocus);
        Optional<ButtonType> answer = dialog.showAndWait();
        java.util.List<char[]> values = fields.stream().map(KeyDialogs::readAndClear).toList();
        if (answer.filter(ButtonType.OK::equals).isEmpty()) {
            values.forEach(v -> java.util.Arrays.fill(v, '\0'));
            return Optional.empty();
        }
        return Optional.of(values);
    }

    /** What the set-key dialog collected. */
    record SetRequest(UUID userId, String email, Boolean hasKey, char[] key, boolean verify, boolean force) {
    }

    /**
     * Pick a user (search auth.users by email or id), paste the key, choose to verify first or force a text that is
     * not shaped like a key.
     */
    static Optional<SetRequest> askSetKey(Window owner, KeysViewModel model, UUID preselected) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Set an OpenRouter key");
        dialog.getDialogPane().setId("keysSetDialog");
        TextField userSearch = new TextField(preselected == null ? "" : preselected.toString());
        userSearch.setId("setKeyUserSearch");
        userSearch.setPromptText("email or user id");
        ListView<Map.Entry<UUID, String>> users = new ListView<>();
        users.setId("setKeyUsers");
        users.setPrefHeight(160);
        users.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Map.Entry<UUID, String> item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getValue() + "  (" + item.getKey() + ")");
            }
        });
        // answers can arrive out of order: only the one for the text now in the field fills the list
        Consumer<String> search = text -> model.findUsers(text, found -> {
            if (text.equals(userSearch.getText())) {
                users.getItems().setAll(found);
                if (found.size() == 1) {
                    users.getSelectionModel().select(0);
                }
            }
        });
        userSearch.textProperty().addListener((obs, old, text) -> search.accept(text));
        search.accept(userSearch.getText());
        PasswordField key = new PasswordField();
        key.setId("setKeyValue");
        key.setPromptText("sk-or-v1-…");
        CheckBox verify = new CheckBox("Verify with OpenRouter before saving");
        verify.setId("setKeyVerify");
        CheckBox force = new CheckBox("Save even if it does not look like an OpenRouter key");
        force.setId("setKeyForce");
        // what saving does to this user, and what is wrong with the key, while the operator can still fix it
        Label userState = new Label("Pick the user whose key this is.");
        userState.setId("setKeyUserState");
        userState.setMnemonicParsing(false);
        userState.setWrapText(true);
        Label keyProblem = new Label();
        keyProblem.setId("setKeyProblem");
        keyProblem.setWrapText(true);
        keyProblem.getStyleClass().add("error-problem");
        keyProblem.managedProperty().bind(keyProblem.visibleProperty());
        keyProblem.setVisible(false);
        Boolean[] hasKey = new Boolean[1];
        users.getSelectionModel().selectedItemProperty().addListener((obs, old, picked) -> {
            hasKey[0] = null;
            if (picked == null) {
                userState.setText("Pick the user whose key this is.");
                return;
            }
            userState.setText("Looking up whether " + KeysViewModel.who(picked.getKey(), picked.getValue())
                    + " has a key…");
            model.lookUpKey(picked.getKey(), found -> {
                if (picked.equals(users.getSelectionModel().getSelectedItem())) {
                    hasKey[0] = found;
                    userState.setText(found ? "This user has a key: saving replaces it."
                            : "This user has no key yet.");
                }
            });
        });
        // the problem line is shown exactly while the text is no key; Save follows that line
        key.textProperty().addListener((obs, old, text) -> {
            java.util.Optional<String> mismatch = text == null || text.isEmpty() ? java.util.Optional.empty()
                    : jobs.x402.console.session.KeysApi.whyNotAKey(text);
            keyProblem.setText(mismatch.map(m -> "This is not an OpenRouter key: " + m + ". Paste the key as"
                    + " OpenRouter shows it (sk-or-v1-…), or tick the box below if you are sure.").orElse(""));
            keyProblem.setVisible(mismatch.isPresent());
        });
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(6));
        // the labels never shrink to "…", the second column is wide enough for an email and its id
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints(520);
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        userState.setMaxWidth(520);
        keyProblem.setMaxWidth(520);
        keyProblem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.addRow(0, new Label("User"), userSearch);
        grid.add(users, 1, 1);
        grid.add(userState, 1, 2);
        grid.addRow(3, new Label("Key"), key);
        grid.add(keyProblem, 1, 4);
        grid.add(verify, 1, 5);
        grid.add(force, 1, 6);
        dialog.getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save key", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Node saveButton = dialog.getDialogPane().lookupButton(save);
        saveButton.setId("setKeySave");
        saveButton.disableProperty().bind(users.getSelectionModel().selectedItemProperty().isNull()
                .or(key.textProperty().isEmpty()).or(keyProblem.visibleProperty().and(force.selectedProperty().not())));
        Optional<ButtonType> answer = dialog.showAndWait();
        char[] chars = readAndClear(key);
        Map.Entry<UUID, String> user = users.getSelectionModel().getSelectedItem();
        if (answer.filter(save::equals).isEmpty() || user == null) {
            java.util.Arrays.fill(chars, '\0');
            return Optional.empty();
        }
        return Optional.of(new SetRequest(user.getKey(), user.getValue(), hasKey[0], chars, verify.isSelected(),
                force.isSelected()));
    }

    /** What the rotation dialog collected. */
    record RotateRequest(char[] newSecret, Set<EncryptedKeyTable> tables, boolean excludeUndecryptable) {
    }

    static Optional<RotateRequest> askRotation(Window owner, EncryptedKeyTable openRouterTable) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Rotate the integration secret");
        dialog.getDialogPane().setId("keysRotateDialog");
        PasswordField secret = new PasswordField();
        secret.setId("rotateNewSecret");
        PasswordField again = new PasswordField();
        again.setId("rotateNewSecretAgain");
        CheckBox openRouter = new CheckBox(openRouterTable.describe());
        openRouter.setMnemonicParsing(false);
        openRouter.setSelected(true);
        openRouter.setId("rotateOpenRouter");
        CheckBox claude = new CheckBox(EncryptedKeyTable.CLAUDE.describe());
        claude.setMnemonicParsing(false);
        claude.setId("rotateClaude");
        CheckBox exclude = new CheckBox("Leave rows that do not decrypt with the current secret as they are");
        exclude.setId("rotateExclude");
        Label explain = new Label("Every key is re-encrypted under the new secret in ONE transaction; each new value is"
                + " decrypted and compared before commit. Cancel rolls everything back. Switch the backend's"
                + " INTEGRATION_ENCRYPTION_SECRET at the same time.");
        explain.setWrapText(true);
        explain.setMaxWidth(460);
        VBox box = new VBox(8, explain, new Label("New secret"), secret, new Label("New secret again"), again,
                openRouter, claude, exclude);
        dialog.getDialogPane().setContent(box);
        ButtonType rotate = new ButtonType("Rotate", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(rotate, ButtonType.CANCEL);
        Node rotateButton = dialog.getDialogPane().lookupButton(rotate);
        rotateButton.setId("rotateConfirm");
        rotateButton.disableProperty().bind(secret.textProperty().isEmpty()
                .or(secret.textProperty().isNotEqualTo(again.textProperty()))
                .or(openRouter.selectedProperty().not().and(claude.selectedProperty().not())));
        Optional<ButtonType> answer = dialog.showAndWait();
        char[] chars = readAndClear(secret);
        readAndClear(again);
        if (answer.filter(rotate::equals).isEmpty()) {
            java.util.Arrays.fill(chars, '\0');
            return Optional.empty();
        }
        Set<EncryptedKeyTable> tables = new java.util.LinkedHashSet<>();
        if (openRouter.isSelected()) {
            tables.add(openRouterTable);
        }
        if (claude.isSelected()) {
            tables.add(EncryptedKeyTable.CLAUDE);
        }
        return Optional.of(new RotateRequest(chars, tables, exclude.isSelected()));
    }

    /** The field's chars; the field is emptied so the text does not linger in the scene graph. */
    private static char[] readAndClear(TextField field) {
        String text = field.getText();
        char[] chars = text == null ? new char[0] : text.toCharArray();
        field.clear();
        return chars;
    }
}
