package jobs.x402.console.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** DESIGN.md's layers: ui and cli on top, feature services below, then db, then core. Arrows point down only. */
/* Plain @Test methods: surefire reports (and fails) them like any other test. */
class LayerArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jobs.x402.console");

    private static final String[] FEATURES = {"jobs.x402.console.overview..", "jobs.x402.console.migration..",
            "jobs.x402.console.rls..", "jobs.x402.console.keys..", "jobs.x402.console.resources..",
            "jobs.x402.console.openrouter..", "jobs.x402.console.users..", "jobs.x402.console.selfcheck.."};

    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Launcher").definedBy("jobs.x402.console")
            .layer("UI").definedBy("jobs.x402.console.ui..")
            .layer("CLI").definedBy("jobs.x402.console.cli..")
            .layer("Session").definedBy("jobs.x402.console.session..")
            .layer("Features").definedBy(FEATURES)
            .layer("Db").definedBy("jobs.x402.console.db..")
            .layer("Core").definedBy("jobs.x402.console.core..")
            .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("CLI").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Session").mayOnlyBeAccessedByLayers("UI", "CLI")
            .whereLayer("Features").mayOnlyBeAccessedByLayers("UI", "CLI", "Session", "Features")
            .whereLayer("Db").mayOnlyBeAccessedByLayers("UI", "CLI", "Session", "Features")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Session", "Features", "Db");

    static final ArchRule onlyUiTouchesJavaFx = noClasses().that().resideOutsideOfPackage("jobs.x402.console.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp.ikonli..")
            .as("only ui imports JavaFX");

    static final ArchRule uiRunsNoJdbcOrHttp = noClasses().that().resideInAPackage("jobs.x402.console.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "okhttp3..", "javax.crypto..",
                    "org.hibernate..")
            .as("no JDBC, HTTP, ORM or crypto in the UI: it goes through services");

    static final ArchRule servicesNeverReachUp = noClasses().that().resideInAnyPackage(FEATURES)
            .should().dependOnClassesThat().resideInAnyPackage("jobs.x402.console.ui..", "jobs.x402.console.cli..",
                    "jobs.x402.console.session..");

    static final ArchRule noGrabBagNames = noClasses().should().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils");

    @Test
    void layersPointDownOnly() {
        layers.check(CLASSES);
    }

    @Test
    void onlyTheUiImportsJavaFx() {
        onlyUiTouchesJavaFx.check(CLASSES);
    }

    @Test
    void theUiRunsNoJdbcHttpOrCrypto() {
        uiRunsNoJdbcOrHttp.check(CLASSES);
    }

    @Test
    void servicesNeverReachUpIntoUiCliOrSession() {
        servicesNeverReachUp.check(CLASSES);
    }

    @Test
    void noGrabBagClassNames() {
        noGrabBagNames.check(CLASSES);
    }
}
