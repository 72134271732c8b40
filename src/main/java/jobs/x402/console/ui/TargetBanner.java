package jobs.x402.console.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import jobs.x402.console.target.TargetIdentity;

import java.util.Locale;

/** The target banner a confirmation shows first, coloured like the main window's: green sandbox, blue local, red remote. */
public final class TargetBanner {
    private TargetBanner() {
    }

    public static Node of(TargetIdentity identity) {
        Label kind = new Label(identity.kind().name());
        kind.getStyleClass().add("target-kind");
        kind.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // SANDBOX / REMOTE never shrinks to "…"
        Label line = new Label(identity.bannerLine());
        line.setId("migrationDialogBanner");
        line.getStyleClass().add("banner-line");
        line.setWrapText(true); // the whole target, on two lines if need be, never cut
        line.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(line, javafx.scene.layout.Priority.ALWAYS);
        HBox box = new HBox(kind, line);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.getStyleClass().addAll("target-banner", identity.kind().name().toLowerCase(Locale.ROOT));
        return box;
    }
}
