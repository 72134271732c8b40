package jobs.x402.console.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

import java.util.List;

/**
 * Text that fits, or says what it cut. After layout (at most every {@value #INTERVAL_MS} ms, only when the scene
 * pulses) the window is walked once:
 * <ul>
 *   <li>buttons, toggles, check boxes and combo boxes never shrink below their label: "E…" and "Di…" are not
 *       buttons;</li>
 *   <li>a short fixed label (a field's name) never shrinks below its text;</li>
 *   <li>a table column is never narrower than its header: "authenticated", not "authe…";</li>
 *   <li>any other text JavaFX had to cut to "…" (a long status line, an identifier in a narrow cell) gets a tooltip
 *       with the whole text, and loses it again when it fits; a tooltip the page set itself is left alone.</li>
 * </ul>
 * Pages add nodes as they read, so one pass at load time would miss most of them; the walk is cheap (the tables are
 * virtual: only the cells on screen exist).
 */
public final class TextFit {
    static final long INTERVAL_MS = 250;
    private static final int SHORT_LABEL = 30;
    /** Marks the tooltips this class made, so it never replaces or removes a page's own. */
    private static final String OWN_TOOLTIP = "x402.textFit.tooltip";
    private static final String MIN_FROM_HEADER = "x402.textFit.headerMin";

    private static final java.util.concurrent.ScheduledExecutorService LATER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "text-fit");
                thread.setDaemon(true);
                return thread;
            });

    private TextFit() {
    }

    public static void install(Scene scene) {
        long[] last = {0};
        boolean[] pending = {false};
        // a pulse skipped by the interval is made up once it has passed, so the last layout is always checked. A
        // plain timer, not an animation: an animation would itself keep the scene pulsing
        Runnable pass = () -> {
            pending[0] = false;
            last[0] = System.currentTimeMillis();
            if (scene.getRoot() != null) {
                walk(scene.getRoot());
            }
        };
        scene.addPostLayoutPulseListener(() -> {
            if (System.currentTimeMillis() - last[0] >= INTERVAL_MS) {
                pass.run();
            } else if (!pending[0]) {
                pending[0] = true;
                LATER.schedule(() -> javafx.application.Platform.runLater(pass), INTERVAL_MS,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        });
    }

    /** One pass over {@code node} and what is below it. */
    public static void walk(Node node) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof ButtonBase button && button.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        if (node instanceof javafx.scene.control.ComboBoxBase<?> box && box.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            box.setMinWidth(Region.USE_PREF_SIZE); // "All keys", not "…"
        }
        // a fixed, short label (a field's name, a column header; no id, so no page rewrites it) keeps its text:
        // squeezed between two fields it would read "…"
        if (node instanceof javafx.scene.control.Label label && label.getId() == null
                && label.getMinWidth() == Region.USE_COMPUTED_SIZE && label.getText() != null
                && !label.getText().isEmpty() && label.getText().length() <= SHORT_LABEL && !label.isWrapText()) {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        if (node instanceof TableView<?> table) {
            fitHeaders(table.getColumns());
        } else if (node instanceof TreeTableView<?> table) {
            fitHeaders(table.getColumns());
        }
        if (node instanceof Labeled labeled) {
            explainCut(labeled);
        }
        if (node instanceof Parent parent) {
            List<Node> children = parent.getChildrenUnmodifiable();
            for (int i = 0; i < children.size(); i++) {
                walk(children.get(i));
            }
        }
    }

    private static void fitHeaders(List<? extends TableColumnBase<?, ?>> columns) {
        for (TableColumnBase<?, ?> column : columns) {
            if (!column.getColumns().isEmpty()) {
                fitHeaders(column.getColumns());
                continue;
            }
            if (column.getProperties().containsKey(MIN_FROM_HEADER) || column.getText() == null) {
                continue;
            }
            Text measure = new Text(column.getText());
            measure.setStyle("-fx-font-weight: bold"); // the headers' weight in the theme
            double needed = Math.ceil(measure.getLayoutBounds().getWidth()) + 28; // padding and sort arrow
            if (column.getMinWidth() < needed) {
                column.setMinWidth(needed);
                if (column.getPrefWidth() < needed) {
                    column.setPrefWidth(needed);
                }
            }
            column.getProperties().put(MIN_FROM_HEADER, Boolean.TRUE);
        }
    }

    private static void explainCut(Labeled labeled) {
        String full = labeled.getText();
        Node textNode = labeled.lookup(".text");
        boolean cut = full != null && !full.isEmpty() && textNode instanceof Text shown
                && shown.getText() != null && !shown.getText().equals(full);
        Tooltip current = labeled.getTooltip();
        boolean ours = current != null && current.getProperties().containsKey(OWN_TOOLTIP);
        if (cut && (current == null || ours)) {
            if (!ours) {
                Tooltip tooltip = new Tooltip(full);
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(640);
                tooltip.getProperties().put(OWN_TOOLTIP, Boolean.TRUE);
                labeled.setTooltip(tooltip);
            } else if (!full.equals(current.getText())) {
                current.setText(full);
            }
        } else if (!cut && ours) {
            labeled.setTooltip(null);
        }
    }

    /** True when {@code labeled} shows its whole text, or a tooltip holds it (for tests). */
    public static boolean readable(Labeled labeled) {
        String full = labeled.getText();
        Node textNode = labeled.lookup(".text");
        if (full == null || full.isEmpty() || !(textNode instanceof Text shown) || shown.getText() == null
                || shown.getText().equals(full)) {
            return true;
        }
        return labeled.getTooltip() != null && full.equals(labeled.getTooltip().getText());
    }
}
