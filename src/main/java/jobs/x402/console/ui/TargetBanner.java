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
        Label line = new Label(identity.bannerLine());
        line.setId("migrationDialogBanner");
        line.getStyleClass().add("banner-line");
        HBox box = new HBox(kind, line);
        box.getStyleClass().addAll("target-banner", identity.kind().name().toLowerCase(Locale.ROOT));
        return box;
    }
}
