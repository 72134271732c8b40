package jobs.x402.console.rls;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with Supabase's linter: on a database holding one bad object for each of splinter's lints (lint-zoo.sql),
 * the console reports exactly what splinter.sql reports there (lint-zoo.expected: name, level and cache_key, taken
 * from splinter itself). With X402_TEST_SPLINTER_SQL naming a splinter.sql, the test also runs that file on the same
 * database and compares with its live answer.
 */
@ExtendWith(DatabaseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplinterParityTest {
    static final String SPLINTER_VARIABLE = "X402_TEST_SPLINTER_SQL";
    private static final Set<LintRule> GRAPHQL = Set.of(LintRule.PG_GRAPHQL_ANON_TABLE_EXPOSED,
            LintRule.PG_GRAPHQL_AUTHENTICATED_TABLE_EXPOSED);

    private TestDatabase db;
    private DatabaseSession session;
    private boolean graphqlInstalled;

    @BeforeAll
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        try (Connection admin = TestPostgres.get().adminConnection(db.name()); Statement st = admin.createStatement()) {
            st.execute(resource("/fixtures/lint-zoo.sql"));
            graphqlInstalled = installGraphqlStandIn(st);
        }
        session = db.openSession();
    }

    @AfterAll
    void tearDown() {
        if (session != null) {
            session.close();
        }
    }

    /**
     * pg_graphql is not part of PostgreSQL; its two lints only ask whether it is installed. A stand-in extension (a
     * control file and an empty script in the test server's own share directory) lets them run here.
     */
    private static boolean installGraphqlStandIn(Statement admin) throws SQLException {
        String shareDir;
        try (ResultSet rs = admin.executeQuery("select setting from pg_config where name = 'SHAREDIR'")) {
            rs.next();
            shareDir = rs.getString(1);
        }
        Path extensions = Path.of(shareDir, "extension");
        try {
            if (!Files.exists(extensions.resolve("pg_graphql.control"))) {
                Files.writeString(extensions.resolve("pg_graphql--0.0.sql"), "-- stand-in: nothing to install\n");
                Files.writeString(extensions.resolve("pg_graphql.control"), "comment = 'stand-in for pg_graphql"
                        + " (the console tests: the lints only ask whether it is installed)'\ndefault_version = '0.0'\n"
                        + "relocatable = true\n");
            }
        } catch (IOException e) {
            System.err.println("SplinterParityTest: cannot write the pg_graphql stand-in into " + extensions + " ("
                    + e.getMessage() + "); the two pg_graphql lints are not compared");
            return false;
        }
        admin.execute("create extension if not exists pg_graphql with schema extensions");
        return true;
    }

    private List<LintFinding> lint() {
        RlsCatalog catalog = new RlsCatalogReader(session, List.of()).read(ProgressListener.NONE);
        assertThat(catalog.warnings()).isEmpty();
        assertThat(catalog.exposedSchemas()).contains("public", "pgmq_public");
        return new RlsLinter().lint(catalog);
    }

    private static Set<String> rows(List<LintFinding> findings) {
        return findings.stream().filter(f -> f.rule().fromSplinter())
                .map(f -> f.rule().id() + "|" + f.level() + "|" + f.key()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everySplinterFindingAppearsWithItsCacheKeyAndLevel() throws IOException {
        Set<String> expected = resource("/fixtures/lint-zoo.expected").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .filter(l -> graphqlInstalled || GRAPHQL.stream().noneMatch(g -> l.startsWith(g.id() + "|")))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> actual = rows(lint());
        assertThat(actual).isEqualTo(expected);
        // the zoo has an object for each lint splinter can answer on a database (all 28)
        Set<String> fired = expected.stream().map(l -> l.substring(0, l.indexOf('|'))).collect(Collectors.toSet());
        assertThat(fired).containsAll(LintRule.splinterLints().stream().filter(r -> graphqlInstalled
                || !GRAPHQL.contains(r)).map(LintRule::id).toList());
    }

    @Test
    void everyFindingHasWordsAndAFix() {
        for (LintFinding f : lint()) {
            // a Java null rendered into the text would read "null"; SQL's "not null" is fine
            assertThat(f.detail()).as(f.key()).isNotBlank().doesNotContainPattern("(?<!not )\\bnull\\b");
            assertThat(f.remediationSql()).as(f.key()).isNotBlank().doesNotContainPattern("(?<!not )\\bnull\\b");
            assertThat(f.object()).as(f.key()).isNotBlank().doesNotContainPattern("\\bnull\\b");
        }
    }

    @Test
    void splinterItselfAgreesOnThisDatabase() throws Exception {
        String path = System.getenv(SPLINTER_VARIABLE);
        Assumptions.assumeTrue(path != null && !path.isBlank(), "set " + SPLINTER_VARIABLE + " to a splinter.sql"
                + " (github.com/supabase/splinter) to compare with splinter's live answer");
        String splinter = Files.readString(Path.of(path)).strip();
        // splinter.sql is "set local search_path = ''; (lint) union all (lint) …": run it as one view's body
        String body = splinter.substring(splinter.indexOf(';') + 1).strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        Set<String> theirs = new TreeSet<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("set local search_path = ''");
                try (ResultSet rs = st.executeQuery("select name, level, cache_key from (" + body + ") s")) {
                    while (rs.next()) {
                        theirs.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        assertThat(rows(lint())).isEqualTo(theirs);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SplinterParityTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
