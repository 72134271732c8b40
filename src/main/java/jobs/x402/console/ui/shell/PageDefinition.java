package jobs.x402.console.ui.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.util.List;

/**
 * A page of the navigation rail. A page appears here when its feature is built; none is shown as a placeholder.
 *
 * @param tooltip explains the page's jargon in one line
 */
public record PageDefinition(String id, String title, Ikon icon, String fxml, String tooltip) {

    public static List<PageDefinition> all() {
        return List.of(
                new PageDefinition("overview", "Overview", Feather.HOME, "/fxml/overview/overview-page.fxml",
                        "Who the target is, what it holds, and whether migration 005 can go onto it"),
                new PageDefinition("migration", "Migration", Feather.LAYERS, "/fxml/migration/migration-page.fxml",
                        "Migration 005: status with evidence, preview, dry run, apply or adopt, verify, guarded"
                                + " rollback with backup, restore, history and locks"),
                new PageDefinition("rls", "Row Level Security", Feather.SHIELD, "/fxml/rls/rls-page.fxml",
                        "Which role can read or change which rows: tables, policies, lints and \"view as\" probes"),
                new PageDefinition("keys", "Keys", Feather.KEY, "/fxml/keys/keys-page.fxml",
                        "Users' encrypted OpenRouter keys: health, set, verify, reveal, and rotating the secret"),
                new PageDefinition("resources", "Resources", Feather.CPU, "/fxml/resources/resources-page.fxml",
                        "x402 resources; create, preview and test-run openrouter_instant ones as the backend runs them"));
    }
}
