package jobs.x402.console.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.session.SandboxApi;
import jobs.x402.console.ui.tasks.FxTaskRunner;
import jobs.x402.console.target.PoolerMode;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.ui.ErrorText;
import jobs.x402.console.ui.about.AboutDialog;
import jobs.x402.console.ui.connect.ConnectDialog;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The main window: target banner, navigation rail, the current page, the message bar and the status bar. */
public final class MainWindowController {
    @FXML private BorderPane root;
    @FXML private HBox banner;
    @FXML private Label kindLabel;
    @FXML private Label bannerLine;
    @FXML private Label privilegeLabel;
    @FXML private Label warningsLabel;
    @FXML private Button connectButton;
    @FXML private HBox messageBar;
    @FXML private Label messageProblem;
    @FXML private Label messageRemedy;
    @FXML private VBox navRail;
    @FXML private StackPane pageHost;
    @FXML private Label pageLoading;
    @FXML private Label statusLabel;
    @FXML private Label taskLabel;
    @FXML private ProgressBar taskProgress;
    @FXML private Button taskCancel;
    @FXML private javafx.scene.control.Menu viewMenu;
    @FXML private javafx.scene.control.CheckMenuItem darkThemeItem;

    private ConsoleContext context;
    private final Map<String, PageController> pages = new LinkedHashMap<>();
    private final Map<String, Node> pageViews = new LinkedHashMap<>();
    private final ToggleGroup navigation = new ToggleGroup();
    /** Loaded pages whose figures predate a change made from another page; they read again when shown. */
    private final Set<String> stalePages = new HashSet<>();
    private List<PageDefinition> definitions = List.of();
    private WindowPreferences preferences;
    private String currentPage;
    /** The status line each page last showed: a page never shows another page's message. */
    private final java.util.Map<String, String> statusByPage = new java.util.HashMap<>();
    /** What the window says about the connection, shown by a page that has said nothing itself. */
    private String connectionStatus = "";

    public void attach(ConsoleContext consoleContext, WindowPreferences windowPreferences) {
        this.context = consoleContext;
        this.preferences = windowPreferences;
        context.onError(this::showMessage);
        context.onStatus(text -> {
            statusLabel.setText(text);
            if (currentPage != null) {
                statusByPage.put(currentPage, text);
            }
        });
        // a page's status line is kept for that page, and shown only while it is the page on screen
        context.onPageStatus((pageId, text) -> {
            statusByPage.put(pageId, text);
            if (pageId.equals(currentPage)) {
                statusLabel.setText(text);
            }
        });
        context.setChangeListener(() -> pages.keySet().stream().filter(id -> !id.equals(currentPage))
                .forEach(stalePages::add));
        messageBar.setVisible(false);
        messageBar.managedProperty().bind(messageBar.visibleProperty());
        bindStatusBar();
        buildNavigation();
        context.sessionProperty().addListener((obs, old, session) -> showTarget(session));
        showTarget(null);
    }

    private void bindStatusBar() {
        taskProgress.setVisible(false);
        taskCancel.setVisible(false);
        if (!(context.tasks() instanceof FxTaskRunner fx)) {
            return; // a test's same-thread runner has no task to show
        }
        fx.currentProperty().addListener((obs, old, task) -> {
            taskLabel.textProperty().unbind();
            taskProgress.progressProperty().unbind();
            if (task == null) {
                return;
            }
            taskLabel.textProperty().bind(task.messageProperty());
            taskProgress.progressProperty().bind(task.progressProperty());
            taskProgress.visibleProperty().bind(task.runningProperty());
            taskCancel.visibleProperty().bind(task.runningProperty());
            taskCancel.setUserData(task);
            // a finished task leaves no "Reading keys" behind: the status bar tells what runs now, nothing else
            task.runningProperty().addListener((o, wasRunning, running) -> {
                if (!running && fx.currentProperty().get() == task) {
                    taskLabel.textProperty().unbind();
                    taskLabel.setText("");
                }
            });
            if (task.isDone()) { // finished before it was shown here
                taskLabel.textProperty().unbind();
                taskLabel.setText("");
            }
        });
    }

    private void buildNavigation() {
        definitions = PageDefinition.all();
        for (int i = 0; i < definitions.size(); i++) {
            PageDefinition definition = definitions.get(i);
            ToggleButton button = new ToggleButton(definition.title(), new FontIcon(definition.icon()));
            button.setId("nav-" + definition.id());
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setTooltip(new Tooltip(definition.tooltip() + "  (Ctrl+" + (i + 1) + ")"));
            button.setOnAction(e -> {
                if (!button.isSelected()) {
                    button.setSelected(true); // a rail always has one page selected
                }
                show(definition.id());
            });
            navRail.getChildren().add(button);
        }
        // View → one item per page, with the same Ctrl+N as the rail
        for (int i = 0; i < definitions.size(); i++) {
            PageDefinition definition = definitions.get(i);
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(definition.title());
            item.setMnemonicParsing(false);
            item.setId("menuPage-" + definition.id());
            if (i < 9) {
                item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)),
                        KeyCombination.SHORTCUT_DOWN));
            }
            ToggleButton button = (ToggleButton) navRail.getChildren().get(i);
            item.setOnAction(e -> {
                button.setSelected(true);
                show(definition.id());
            });
            viewMenu.getItems().add(item);
        }
        darkThemeItem.setSelected(preferences.dark());
        if (!definitions.isEmpty()) {
            ((ToggleButton) navRail.getChildren().get(0)).setSelected(true);
            currentPage = definitions.get(0).id(); // loaded right after the first frame, see installShortcuts
            pageLoading.setText("Opening the " + definitions.get(0).title() + "…");
        }
    }

    /** Pages load when first shown: the first frame pays only for the first page. */
    private void ensureLoaded(String pageId) {
        if (pages.containsKey(pageId)) {
            return;
        }
        PageDefinition definition = definitions.stream().filter(d -> d.id().equals(pageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no page " + pageId));
        FXMLLoader loader = new FXMLLoader(MainWindowController.class.getResource(definition.fxml()));
        Parent view;
        try {
            view = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load page " + definition.id(), e);
        }
        PageController controller = loader.getController();
        controller.attach(context.forPage(definition.id()));
        pages.put(definition.id(), controller);
        pageViews.put(definition.id(), view);
        view.setVisible(false);
        pageHost.getChildren().add(view);
        pageHost.getChildren().remove(pageLoading); // the first page is here: the "Opening…" line has done its job
        if (context.session() != null) {
            controller.refresh();
        }
    }

    /** Keyboard: Ctrl+1..9 pages, F5 refresh, Ctrl+K connect. Called once the scene exists. */
    public void installShortcuts(Scene scene) {
        // the shell's first frame comes first; the first page (a few hundred ms of FXML) fills in right after it
        Runnable[] afterFirstFrame = new Runnable[1];
        afterFirstFrame[0] = () -> {
            scene.removePostLayoutPulseListener(afterFirstFrame[0]);
            javafx.application.Platform.runLater(() -> show(currentPage));
        };
        scene.addPostLayoutPulseListener(afterFirstFrame[0]);
        List<String> ids = definitions.stream().map(PageDefinition::id).toList();
        for (int i = 0; i < ids.size() && i < 9; i++) {
            String id = ids.get(i);
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)),
                    KeyCombination.SHORTCUT_DOWN), () -> {
                ((ToggleButton) navRail.getChildren().get(index)).setSelected(true);
                show(id);
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::refreshCurrent);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), this::onConnect);
    }

    public void show(String pageId) {
        ensureLoaded(pageId);
        if (stalePages.remove(pageId) && context.session() != null) {
            pages.get(pageId).refresh();
        }
        if (!pageId.equals(currentPage)) {
            statusLabel.setText(statusByPage.getOrDefault(pageId, connectionStatus));
        }
        currentPage = pageId;
        pageViews.forEach((id, view) -> view.setVisible(id.equals(pageId)));
    }

    /** The controller of a page, for tests that drive what a native file chooser would otherwise ask. */
    public PageController page(String pageId) {
        return pages.get(pageId);
    }

    /** A new connection state: the pages' messages were about the previous one. */
    private void connectionStatus(String text) {
        connectionStatus = text;
        statusByPage.clear();
        statusLabel.setText(text);
    }

    public String currentPage() {
        return currentPage;
    }

    private void refreshCurrent() {
        PageController controller = pages.get(currentPage);
        if (controller != null && context.session() != null) {
            controller.refresh();
        }
    }

    private void showTarget(ConsoleSession session) {
        banner.getStyleClass().removeAll("sandbox", "local", "remote");
        if (session == null) {
            kindLabel.setText("not connected");
            bannerLine.setText("Connect to a database or open the sandbox (Ctrl+K)");
            privilegeLabel.setText("");
            warningsLabel.setText("");
            return;
        }
        TargetIdentity identity = session.identity();
        String kind = identity.kind().name().toLowerCase(Locale.ROOT);
        banner.getStyleClass().add(kind);
        kindLabel.setText(kind.toUpperCase(Locale.ROOT));
        kindLabel.setTooltip(new Tooltip(switch (identity.kind()) {
            case SANDBOX -> "The embedded sandbox database on this machine: safe to experiment";
            case LOCAL -> "A database server on this machine";
            case REMOTE -> "A database on another machine: changes here may be production";
        }));
        bannerLine.setText(identity.host() + " · " + identity.database() + " · " + identity.role() + " · PostgreSQL "
                + identity.serverVersion());
        privilegeLabel.setText(identity.privileges());
        privilegeLabel.setTooltip(new Tooltip(identity.superuser()
                ? "This role is a superuser: row level security does not apply to it and nothing is off limits"
                : identity.bypassRls()
                ? "Not a superuser (as postgres is on a hosted Supabase project), but BYPASSRLS: this role sees every"
                + " row regardless of row level security policies"
                : "Neither superuser nor BYPASSRLS: row level security policies apply to this role"));
        List<String> warnings = new ArrayList<>(identity.warnings());
        warningsLabel.setText(String.join(" · ", warnings));
        if (identity.poolerMode() != PoolerMode.DIRECT) {
            warningsLabel.setTooltip(new Tooltip(identity.poolerMode().limitation()));
        }
        connectionStatus("Connected: " + identity.bannerLine());
    }

    /** Called when a connect finished: the new session becomes current and the pages refresh. */
    public void connected(ConsoleSession session, String targetName) {
        dismissMessage();
        context.setSession(session);
        preferences = preferences.withLastTarget(targetName);
        stalePages.clear();
        pages.values().forEach(PageController::refresh);
    }

    public WindowPreferences preferences() {
        return preferences;
    }

    public void showMessage(ErrorText error) {
        messageProblem.setText(error.problem());
        messageRemedy.setText(error.remedy());
        messageBar.setVisible(true);
    }

    private void dismissMessage() {
        messageBar.setVisible(false);
    }

    @FXML
    private void onDismissMessage() {
        dismissMessage();
    }

    @FXML
    private void onCancelTask() {
        Object task = taskCancel.getUserData();
        if (task instanceof Task<?> running && running.getState() == Worker.State.RUNNING) {
            running.cancel();
        }
    }

    @FXML
    public void onConnect() {
        new ConnectDialog(root.getScene().getWindow(), context.environment(), context.tasks(), this::connected)
                .show(preferences.lastTarget());
    }

    @FXML
    private void onAbout() {
        new AboutDialog(root.getScene().getWindow()).show();
    }

    /** Opens the sandbox without the dialog (first run, or when it was the last target). */
    @FXML
    private void onOpenSandbox() {
        openSandboxDirectly();
    }

    /** File → Audit log…: the changes made from this machine, as `audit list` shows them. */
    @FXML
    private void onAuditLog() {
        jobs.x402.console.ui.audit.AuditLogViewModel model = new jobs.x402.console.ui.audit.AuditLogViewModel(
                context.environment(), context.tasks(), context::showError);
        new jobs.x402.console.ui.audit.AuditLogDialog(root.getScene().getWindow(), model).show(model);
    }

    @FXML
    private void onQuit() {
        javafx.application.Platform.exit(); // ConsoleApp.stop remembers the window and closes the session
    }

    @FXML
    private void onRefresh() {
        refreshCurrent();
    }

    /** Light or dark, at once and for the next start. */
    @FXML
    private void onToggleTheme() {
        boolean dark = darkThemeItem.isSelected();
        jobs.x402.console.ui.ConsoleApp.applyTheme(dark);
        preferences = preferences.withDark(dark);
        preferences.save(context.environment().home());
    }

    /** Help → Keyboard shortcuts: every key the window answers to, in one table. */
    @FXML
    private void onShortcuts() {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.INFORMATION);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setId("shortcutsDialog");
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setId("shortcutsTable");
        List<Map.Entry<String, String>> rows = shortcuts();
        for (int i = 0; i < rows.size(); i++) {
            Label keys = new Label(rows.get(i).getKey());
            keys.setMnemonicParsing(false);
            keys.getStyleClass().add("shortcut-keys");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label action = new Label(rows.get(i).getValue());
            action.setMnemonicParsing(false);
            grid.addRow(i, keys, action);
        }
        alert.getDialogPane().setContent(grid);
        alert.show();
    }

    /** The shortcuts as shown on this platform (Ctrl on Linux and Windows, ⌘ on macOS). */
    List<Map.Entry<String, String>> shortcuts() {
        List<Map.Entry<String, String>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < definitions.size() && i < 9; i++) {
            rows.add(Map.entry(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)),
                    KeyCombination.SHORTCUT_DOWN).getDisplayText(), "Show " + definitions.get(i).title()));
        }
        rows.add(Map.entry("F5", "Read the page again from the database"));
        rows.add(Map.entry(KeyCombination.keyCombination("Shortcut+K").getDisplayText(),
                "Connect to another database or the sandbox"));
        rows.add(Map.entry(KeyCombination.keyCombination("Shortcut+Shift+D").getDisplayText(),
                "Switch between the light and the dark theme"));
        rows.add(Map.entry(KeyCombination.keyCombination("Shortcut+L").getDisplayText(),
                "The audit log of every change made from this machine"));
        rows.add(Map.entry("F1", "This list"));
        rows.add(Map.entry(KeyCombination.keyCombination("Shortcut+Q").getDisplayText(), "Quit"));
        rows.add(Map.entry("Tab / Shift+Tab", "Move between fields and buttons"));
        rows.add(Map.entry("Enter / Esc", "The dialog's default button / Cancel"));
        return rows;
    }

    public void openSandboxDirectly() {
        connectionStatus("Opening the sandbox…");
        context.tasks().run("Opening the sandbox", progress -> SandboxApi.of(context.environment()).open(progress),
                session -> connected(session, WindowPreferences.SANDBOX), failure -> {
            showMessage(ErrorText.of(failure));
            connectionStatus("Not connected");
        });
    }


}
