package jobs.x402.console.ui.overview;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.overview.OverviewReport;
import jobs.x402.console.overview.Prerequisite;
import jobs.x402.console.ui.shell.ConsoleContext;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The Overview page's state; reads run on the shared executor. */
public final class OverviewViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ConsoleContext context;
    final ObjectProperty<OverviewReport> report = new SimpleObjectProperty<>();
    final StringProperty users = new SimpleStringProperty("–");
    final StringProperty models = new SimpleStringProperty("–");
    final StringProperty modelsCaption = new SimpleStringProperty("models");
    final StringProperty servers = new SimpleStringProperty("–");
    final StringProperty resources = new SimpleStringProperty("–");
    final StringProperty readAt = new SimpleStringProperty("");
    final StringProperty migrationState = new SimpleStringProperty("–");
    final StringProperty migrationSummary = new SimpleStringProperty("");
    final StringProperty prerequisiteSummary = new SimpleStringProperty("");
    final BooleanProperty loading = new SimpleBooleanProperty(false);
    final ObservableList<Map.Entry<String, Long>> resourcesByType = FXCollections.observableArrayList();
    final ObservableList<Prerequisite> prerequisites = FXCollections.observableArrayList();

    public OverviewViewModel(ConsoleContext context) {
        this.context = context;
    }

    void refresh() {
        ConsoleSession session = context.session();
        if (session == null || loading.get()) {
            return;
        }
        loading.set(true);
        context.tasks().run("Reading the overview", progress -> session.overview().read(progress),
                this::show, failure -> {
                    loading.set(false);
                    context.showError(failure);
                }, () -> loading.set(false));
    }

    private void show(OverviewReport read) {
        loading.set(false);
        report.set(read);
        users.set(format(read.users()));
        models.set(format(read.models()));
        modelsCaption.set(read.activeModels() == null ? "models" : "models (" + read.activeModels() + " active)");
        servers.set(format(read.servers()));
        resources.set(format(read.resources()));
        resourcesByType.setAll(read.resourcesByType().entrySet());
        prerequisites.setAll(read.prerequisites());
        prerequisiteSummary.set(read.prerequisitesMet()
                ? "All prerequisites of migration 005 are present."
                : read.missingPrerequisites().size() + " prerequisite(s) of migration 005 missing: "
                + String.join(", ", read.missingPrerequisites().stream().map(Prerequisite::name).toList()));
        readAt.set("read at " + TIME.format(read.readAt()));
        if (read.migration005() != null) {
            migrationState.set(read.migration005().state().label());
            migrationSummary.set(read.migration005().summary());
        } else {
            migrationState.set("schema variant ambiguous");
            migrationSummary.set("The status of 005 is read once the schema variant is chosen: "
                    + read.schemaVariant().evidence() + ". Choose seed or shipped for this target in the connection"
                    + " dialog (Ctrl+K).");
        }
        context.showStatus("Overview read from " + read.identity().bannerLine());
    }

    /** "shipped · x402_user_openrouter_integrations, x402_openrouter_models (the key table is …)". */
    static String describeVariant(jobs.x402.console.target.VariantDetection detection) {
        if (detection.ambiguous()) {
            return "ambiguous: " + detection.evidence() + " — choose seed or shipped in the connection dialog";
        }
        return detection.variant().label() + " · key table " + detection.variant().keyTable() + " · model catalog "
                + detection.variant().modelCatalog() + (detection.chosen() ? " · chosen for this target"
                : " · detected: " + detection.evidence());
    }

    private static String format(Long value) {
        return value == null ? "missing" : String.format("%,d", value);
    }
}
