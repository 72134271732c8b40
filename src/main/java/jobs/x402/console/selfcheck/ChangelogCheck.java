package jobs.x402.console.selfcheck;

import jobs.x402.console.db.SandboxBaseline;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Liquibase changelogs are on the class path and parse: a package that dropped the changelog folder, or a
 * Liquibase without its XSDs and parsers, fails here rather than in front of a database.
 */
final class ChangelogCheck implements StartupCheck {
    /** The changelog roots the console applies; each includes the rest of its tree. */
    static final List<String> CHANGELOG_ROOTS = List.of("changelog/x402-migrations.xml",
            "changelog/x402-migrations-shipped.xml");

    @Override
    public String name() {
        return "liquibase";
    }

    @Override
    public String description() {
        return "Liquibase changelogs on the class path parse";
    }

    @Override
    public String run() throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        List<String> parsed = new ArrayList<>();
        try (ResourceAccessor accessor = jobs.x402.console.db.ConsoleResources.changelogs()) {
            Map<String, Object> scope = Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                    Scope.Attr.resourceAccessor.name(), accessor, "liquibase.analytics.enabled", false);
            parseEach(scope, accessor, parsed);
        }
        for (String script : SandboxBaseline.scripts()) {
            if (ChangelogCheck.class.getClassLoader().getResource(script) == null) {
                throw new IllegalStateException("the sandbox baseline script " + script + " is not on the class path");
            }
        }
        return "Liquibase " + liquibase.util.LiquibaseUtil.getBuildVersion() + ": " + String.join(", ", parsed)
                + "; sandbox baseline: " + SandboxBaseline.scripts().size() + " scripts";
    }

    private static void parseEach(Map<String, Object> scope, ResourceAccessor accessor, List<String> parsed)
            throws Exception {
        for (String root : CHANGELOG_ROOTS) {
            if (ChangelogCheck.class.getClassLoader().getResource(root) == null) {
                throw new IllegalStateException(root + " is not on the class path");
            }
            DatabaseChangeLog changeLog = Scope.child(scope, () -> {
                ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(root, accessor);
                return parser.parse(root, new ChangeLogParameters(), accessor);
            });
            if (changeLog.getChangeSets().isEmpty()) {
                throw new IllegalStateException(root + " holds no changesets");
            }
            parsed.add(root + " (" + changeLog.getChangeSets().size() + " changesets)");
        }
    }
}
