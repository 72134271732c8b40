package jobs.x402.console.rls;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.testing.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's figure: a generated schema of 2,000 tables and 6,000 policies; the full matrix + lints through the
 * console must take at most 1 s and at most 1.5x psql running the same catalog queries in the same run.
 * Not a test (it takes a minute to build the schema). Run:
 * {@code mvn -o -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.rls.RlsCatalogBenchmark}
 */
public final class RlsCatalogBenchmark {
    private static final int TABLES = 2_000;
    private static final int RUNS = 7;

    private RlsCatalogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestPostgres postgres = TestPostgres.get();
        ConnectionTarget target = postgres.freshDatabase("rls_bench");
        long built = System.nanoTime();
        try (Connection c = connect(postgres, target); Statement st = c.createStatement()) {
            st.execute("""
                    do $$
                    begin
                      for i in 1..%d loop
                        execute format('create table public.bench_%%s (id bigint primary key,
                            user_id uuid references auth.users (id), api_key text, note text)', i);
                        execute format('alter table public.bench_%%s enable row level security', i);
                        execute format('create policy "own select" on public.bench_%%s for select to authenticated
                            using (auth.uid() = user_id)', i);
                        execute format('create policy "own insert" on public.bench_%%s for insert to authenticated
                            with check ((select auth.uid()) = user_id)', i);
                        execute format('create policy "service" on public.bench_%%s for all to service_role
                            using (true)', i);
                      end loop;
                    end $$""".formatted(TABLES));
            st.execute("analyze");
        }
        System.err.printf("generated %d tables in %d ms%n", TABLES, (System.nanoTime() - built) / 1_000_000);

        List<Long> console = new ArrayList<>();
        List<Long> lintOnly = new ArrayList<>();
        List<Long> jdbc = new ArrayList<>();
        List<Long> psql = new ArrayList<>();
        List<Long> splinter = new ArrayList<>();
        int tables;
        int policies;
        int findings;
        try (DatabaseSession session = jobs.x402.console.db.DatabaseSession.open(copy(target), ConsoleSession.entityClasses(), ProgressListener.NONE)) {
            RlsCatalog catalog = null;
            List<LintFinding> lints = List.of();
            Map<CatalogSection, String> catalogQueries = RlsCatalogReader.queries(List.of("public"),
                    session.identity().serverVersionNum());
            List<String> queries = new ArrayList<>(catalogQueries.values());
            queries.add("set local search_path = ''"); // splinter's lints read expressions fully qualified
            // the bucket lint needs storage.buckets, which this schema lacks (the console skips it there too)
            RlsCatalogReader.lintQueries(List.of("public")).forEach((rule, sql) -> {
                if (rule != LintRule.PUBLIC_BUCKET_ALLOWS_LISTING) {
                    queries.add(sql);
                }
            });
            Path script = Files.createTempFile("rls-catalog", ".sql");
            Files.writeString(script, "begin;\nset local search_path = pg_catalog;\n"
                    + String.join(";\n", queries) + ";\nrollback;\n");
            String splinterSql = System.getenv("X402_TEST_SPLINTER_SQL");
            Path splinterScript = null;
            if (splinterSql != null) {
                splinterScript = Files.createTempFile("splinter", ".sql");
                String body = Files.readString(Path.of(splinterSql)).strip();
                Files.writeString(splinterScript, "begin;\n" + body + (body.endsWith(";") ? "" : ";")
                        + "\nrollback;\n");
            }
            for (int i = 0; i < RUNS + 2; i++) { // two warm-up rounds, then measured ones
                long t0 = System.nanoTime();
                catalog = new RlsCatalogReader(session, List.of("public")).read(ProgressListener.NONE);
                long read = System.nanoTime();
                lints = new RlsLinter().lint(catalog);
                long t1 = System.nanoTime();
                rawJdbc(session, queries);
                long t2 = System.nanoTime();
                runPsql(target, script);
                long t3 = System.nanoTime();
                if (splinterScript != null) {
                    runPsql(target, splinterScript);
                    if (i >= 2) {
                        splinter.add((System.nanoTime() - t3) / 1_000_000);
                    }
                }
                if (i >= 2) {
                    console.add((t1 - t0) / 1_000_000);
                    lintOnly.add((t1 - read) / 1_000_000);
                    jdbc.add((t2 - t1) / 1_000_000);
                    psql.add((t3 - t2) / 1_000_000);
                }
            }
            tables = catalog.tables().size();
            policies = catalog.tables().stream().mapToInt(t -> t.policies().size()).sum();
            findings = lints.size();
            Files.deleteIfExists(script);
        }
        long consoleMs = median(console);
        long jdbcMs = median(jdbc);
        long psqlMs = median(psql);
        System.out.printf("RLS matrix + lints on %d tables / %d policies (%d findings), median of %d runs%n", tables,
                policies, findings, RUNS);
        System.out.println("| what | median ms | vs psql |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| console: catalog read + all lints (RlsCatalogReader + RlsLinter) | %d | %.2fx |%n",
                consoleMs, (double) consoleMs / psqlMs);
        System.out.printf("| of which the wording of the findings (Java over the rows read) | %d | |%n",
                median(lintOnly));
        System.out.printf("| raw JDBC: the same %d catalog and %d lint queries, rows discarded | %d | %.2fx |%n",
                CatalogSection.values().length, LintRule.splinterLints().size(), jdbcMs, (double) jdbcMs / psqlMs);
        System.out.printf("| psql -f: the same queries (process start and connect included) | %d | 1.00x |%n",
                psqlMs);
        if (!splinter.isEmpty()) {
            System.out.printf("| psql -f splinter.sql itself (lints only, no catalog) | %d | %.2fx |%n",
                    median(splinter), (double) median(splinter) / psqlMs);
        }
        System.out.printf("budget: console <= 1000 ms: %s; console <= 1.5x psql: %s%n",
                consoleMs <= 1000 ? "met" : "MISSED", consoleMs <= 1.5 * psqlMs ? "met" : "MISSED");
        System.exit(0);
    }

    private static void rawJdbc(DatabaseSession session, List<String> queries) throws SQLException {
        try (Connection c = session.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("set local search_path = pg_catalog");
            for (String sql : queries) {
                if (sql.startsWith("set ")) {
                    st.execute(sql);
                    continue;
                }
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static void runPsql(ConnectionTarget target, Path script) throws IOException, InterruptedException {
        var profile = target.profile();
        Process process = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f",
                script.toString(), "host=" + profile.host() + " port=" + profile.port() + " dbname="
                + profile.database() + " user=" + profile.user())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("psql failed on " + script + " (exit "
                    + (process.isAlive() ? "timeout" : process.exitValue()) + "): "
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static Connection connect(TestPostgres postgres, ConnectionTarget target) throws SQLException {
        return postgres.adminConnection(target.profile().database());
    }

    private static ConnectionTarget copy(ConnectionTarget target) {
        return new ConnectionTarget(target.profile(), target.kind(), target.password());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
