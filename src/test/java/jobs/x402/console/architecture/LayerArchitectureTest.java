package jobs.x402.console.architecture;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * docs/architecture.md's layers, checked: the two faces on top, the session below them, the feature services, then
 * db / openrouter / vault, the target vocabulary, core. Arrows point down only, and the faces reach the engine only
 * through the session: they may hold the result types it returns, never build a service themselves.
 */
/* Plain @Test methods: surefire reports (and fails) them like any other test. */
class LayerArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("jobs.x402.console");

    private static final String[] FEATURES = {"jobs.x402.console.overview..", "jobs.x402.console.migration..",
            "jobs.x402.console.rls..", "jobs.x402.console.keys..", "jobs.x402.console.resources..",
            "jobs.x402.console.users..", "jobs.x402.console.selfcheck.."};
    private static final String[] CLIENTS = {"jobs.x402.console.openrouter..", "jobs.x402.console.vault.."};
    private static final String[] FACES = {"jobs.x402.console.ui..", "jobs.x402.console.cli.."};

    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Launcher").definedBy("jobs.x402.console")
            .layer("UI").definedBy("jobs.x402.console.ui..")
            .layer("CLI").definedBy("jobs.x402.console.cli..")
            .layer("Session").definedBy("jobs.x402.console.session..")
            .layer("Features").definedBy(FEATURES)
            .layer("Db").definedBy("jobs.x402.console.db..")
            .layer("Clients").definedBy(CLIENTS)
            .layer("Target").definedBy("jobs.x402.console.target..")
            .layer("Core").definedBy("jobs.x402.console.core..")
            .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("CLI").mayOnlyBeAccessedByLayers("Launcher")
            .whereLayer("Session").mayOnlyBeAccessedByLayers("UI", "CLI")
            .whereLayer("Features").mayOnlyBeAccessedByLayers("UI", "CLI", "Session", "Features")
            .whereLayer("Db").mayOnlyBeAccessedByLayers("Session", "Features")
            .whereLayer("Clients").mayOnlyBeAccessedByLayers("UI", "CLI", "Session", "Features")
            .whereLayer("Target").mayOnlyBeAccessedByLayers("UI", "CLI", "Session", "Features", "Db", "Clients")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Launcher", "UI", "CLI", "Session", "Features", "Db",
                    "Clients", "Target");

    static final ArchRule facesNeverTouchDb = noClasses().that().resideInAnyPackage(FACES)
            .should().dependOnClassesThat().resideInAPackage("jobs.x402.console.db..")
            .as("the window and the CLI import nothing from db: connections, pools and the sandbox server are the"
                    + " session's");

    /**
     * A face may hold, read and build values of the engine (records, enums, interfaces, exceptions) but never
     * construct a service or call one's static methods: that is what the session is for.
     */
    static final ArchRule facesBuildNoServices = classes().that().resideInAnyPackage(FACES)
            .should(new ArchCondition<JavaClass>("build no feature service (only the session does)") {
                @Override
                public void check(JavaClass face, ConditionEvents events) {
                    for (JavaAccess<?> access : face.getAccessesFromSelf()) {
                        JavaClass owner = access.getTargetOwner();
                        if (!inEngine(owner) || isValue(owner)) {
                            continue;
                        }
                        AccessTarget target = access.getTarget();
                        boolean constructs = target instanceof AccessTarget.ConstructorCallTarget;
                        boolean staticCall = target instanceof AccessTarget.MethodCallTarget method
                                && method.resolveMember().map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                                .orElse(false);
                        if (constructs || staticCall) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            });

    private static boolean inEngine(JavaClass owner) {
        String name = owner.getPackageName();
        for (String pattern : FEATURES) {
            if (name.startsWith(pattern.replace("..", ""))) {
                return true;
            }
        }
        for (String pattern : CLIENTS) {
            if (name.startsWith(pattern.replace("..", ""))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isValue(JavaClass owner) {
        return owner.isRecord() || owner.isEnum() || owner.isInterface()
                || owner.isAssignableTo(Throwable.class);
    }

    static final ArchRule onlyUiTouchesJavaFx = noClasses().that().resideOutsideOfPackage("jobs.x402.console.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp.ikonli..")
            .as("only ui imports JavaFX");

    static final ArchRule uiRunsNoJdbcOrHttp = noClasses().that().resideInAPackage("jobs.x402.console.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "okhttp3..", "javax.crypto..",
                    "org.hibernate..")
            .as("no JDBC, HTTP, ORM or crypto in the UI: it goes through the session");

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
    void theFacesImportNothingFromDb() {
        facesNeverTouchDb.check(CLASSES);
    }

    @Test
    void theFacesGoThroughTheSession() {
        facesBuildNoServices.check(CLASSES);
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
