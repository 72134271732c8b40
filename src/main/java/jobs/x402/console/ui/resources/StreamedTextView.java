package jobs.x402.console.ui.resources;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * A streamed answer shown as its paragraphs in a virtualized list: appending a batch touches the last paragraph and
 * adds new ones, and a pulse lays out only the rows on screen. A TextArea lays out its whole text on every change,
 * which at 20,000 tokens (some 130 KB) takes longer than a frame; this view stays under a few milliseconds however
 * long the answer grows. Lines wrap; Ctrl+C copies the selected paragraphs, or all of them when none is selected.
 */
final class StreamedTextView {
    private final ListView<String> list;
    private final ObservableList<String> paragraphs = FXCollections.observableArrayList();

    StreamedTextView(ListView<String> list) {
        this.list = list;
        list.setItems(paragraphs);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getStyleClass().add("streamed-text");
        list.setCellFactory(view -> new ListCell<>() {
            {
                setWrapText(true);
                // the theme's list rows are roomy; a paragraph of an answer reads best at text spacing
                setStyle("-fx-padding: 1 8 1 8; -fx-cell-size: -1;");
                // wrap at the list's width, less the scroll bar, instead of growing sideways
                prefWidthProperty().bind(view.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(String paragraph, boolean empty) {
                super.updateItem(paragraph, empty);
                setText(empty ? null : paragraph);
            }
        });
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(text()));
        list.setContextMenu(new ContextMenu(copyAll));
        list.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copy(list.getSelectionModel().getSelectedItems().isEmpty() ? text()
                        : String.join("\n", list.getSelectionModel().getSelectedItems()));
                e.consume();
            }
        });
    }

    /** Appends a batch: its first line continues the last paragraph, each line break starts a new one. */
    void append(String batch) {
        boolean atBottom = paragraphs.isEmpty() || isShowingLast();
        String[] lines = batch.split("\n", -1);
        // a batch that ends with a line break leaves an empty last paragraph: the next batch continues it
        if (paragraphs.isEmpty()) {
            paragraphs.add(lines[0]);
        } else {
            int last = paragraphs.size() - 1;
            paragraphs.set(last, paragraphs.get(last) + lines[0]);
        }
        if (lines.length > 1) {
            paragraphs.addAll(java.util.Arrays.asList(lines).subList(1, lines.length)); // one change for the list
        }
        if (atBottom) {
            followTheEnd();
        }
    }

    /**
     * Keeps the last paragraph in view. Setting the flow's position to its end is cheap; ListView.scrollTo(index)
     * lays the flow out again for each batch, which cost a frame's worth of time at ten thousand tokens a second.
     */
    private void followTheEnd() {
        if (list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            flow.setPosition(1.0);
        } else {
            list.scrollTo(paragraphs.size() - 1); // no skin yet: the list is not showing
        }
    }

    void clear() {
        paragraphs.clear();
    }

    /** The whole text, line breaks included. */
    String text() {
        return String.join("\n", paragraphs);
    }

    private boolean isShowingLast() {
        // the list follows the stream unless the operator scrolled away from its end
        return list.getSelectionModel().isEmpty();
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
