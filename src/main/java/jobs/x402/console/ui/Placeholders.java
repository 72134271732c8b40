package jobs.x402.console.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Label;

/**
 * An empty table says why it is empty: "Reading keys…" while the page reads, its own text ("No keys") only once the
 * database has answered. A page that says "No resources" while it is still reading tells the operator something false.
 */
public final class Placeholders {
    private Placeholders() {
    }

    /** Binds the placeholder's text: {@code reading} while {@code loading}, the text it has now otherwise. */
    public static void whileLoading(Label placeholder, ObservableBooleanValue loading, String reading) {
        String empty = placeholder.getText();
        placeholder.textProperty().bind(Bindings.when(loading).then(reading).otherwise(empty));
    }
}
