package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.testing.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apply and rollback of 005 through the console (in-process and as a CLI process) against psql -1 -f of the same SQL,
 * all on the same embedded server in the same run; plus the status read (evidence for every object).
 * Run: mvn -o -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.migration.MigrationBenchmark
 */
public final class MigrationBenchmark {
    private static final int ROUNDS = 5;

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestPostgres postgres = TestPostgres.get();
        Path work = Files.createTempDirectory("x402-bench");
        Path applySql = work.resolve("apply.sql");
        Path rollbackSql = work.resolve("rollback.sql");
        Files.writeString(applySql, String.join(";\n", MigrationChangelog.of(SchemaVariant.SEED).applyStatements()) + ";\n");
        Files.writeString(rollbackSql, String.join(";\n", MigrationChangelog.of(SchemaVariant.SEED).rollbackStatements()) + ";\n");
        List<Long> psqlApply = new ArrayList<>();
        List<Long> psqlRollback = new ArrayList<>();
        List<Long> consoleApply = new ArrayList<>();
        List<Long> consoleRollback = new ArrayList<>();
        List<Long> cliApply = new ArrayList<>();
        List<Long> cliRollback = new ArrayList<>();
        List<Long> statusColdest = new ArrayList<>();
        List<Long> status = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            boolean warmUp = round == 0;
            ConnectionTarget psqlDb = postgres.freshDatabase("bench_psql");
            long t = System.nanoTime();
            psql(postgres, psqlDb, applySql);
            long applied = System.nanoTime() - t;
            t = System.nanoTime();
            psql(postgres, psqlDb, rollbackSql);
            long rolledBack = System.nanoTime() - t;
            if (!warmUp) {
                psqlApply.add(applied);
                psqlRollback.add(rolledBack);
            }

            ConnectionTarget consoleDb = postgres.freshDatabase("bench_console");
            try (DatabaseSession session = jobs.x402.console.db.DatabaseSession.open(consoleDb, ConsoleSession.entityClasses(), ProgressListener.NONE)) {
                MigrationService service = new MigrationService(session, new AuditLog(work.resolve("audit.jsonl")));
                t = System.nanoTime();
                service.status();
                long firstStatus = System.nanoTime() - t;
                t = System.nanoTime();
                service.apply(jobs.x402.console.core.Confirmation.given(), Duration.ofSeconds(10), ProgressListener.NONE);
                applied = System.nanoTime() - t;
                for (int i = 0; i < 5; i++) {
                    t = System.nanoTime();
                    service.status();
                    if (!warmUp) {
                        status.add(System.nanoTime() - t);
                    }
                }
                t = System.nanoTime();
                new MigrationRollback(session, service).rollback(new MigrationRollback.Request(
                        work.resolve("backup-" + round + ".jsonl"), false, jobs.x402.console.core.Confirmation.given(session.identity().database()),
                        Duration.ofSeconds(10)), ProgressListener.NONE);
                rolledBack = System.nanoTime() - t;
                if (!warmUp) {
                    consoleApply.add(applied);
                    consoleRollback.add(rolledBack);
                    statusColdest.add(firstStatus);
                }
            }

            ConnectionTarget cliDb = postgres.freshDatabase("bench_cli");
            t = System.nanoTime();
            cli(work, cliDb, "apply", "--yes");
            applied = System.nanoTime() - t;
            t = System.nanoTime();
            cli(work, cliDb, "rollback", "--backup", work.resolve("cli-backup-" + round + ".jsonl").toString(),
                    "--yes", "--confirm", cliDb.profile().database());
            rolledBack = System.nanoTime() - t;
            if (!warmUp) {
                cliApply.add(applied);
                cliRollback.add(rolledBack);
            }
        }
        double psqlA = median(psqlApply);
        double psqlR = median(psqlRollback);
        System.out.printf("%nMigration 005 on embedded PostgreSQL %s, median of %d rounds (after one warm-up)%n",
                "17", ROUNDS);
        System.out.println("| measure | median ms | ratio to psql -1 -f |");
        System.out.println("|---|---:|---:|");
        row("psql -1 -f apply (baseline)", psqlA, psqlA);
        row("console apply, in-process (lock, Liquibase, in-transaction check)", median(consoleApply), psqlA);
        row("console apply, CLI process (JVM start + connect + apply)", median(cliApply), psqlA);
        row("psql -1 -f rollback (baseline)", psqlR, psqlR);
        row("console rollback with backup, in-process", median(consoleRollback), psqlR);
        row("console rollback with backup, CLI process", median(cliRollback), psqlR);
        System.out.println("| status with evidence for all objects (warm) | " + String.format("%.1f", median(status))
                + " | target ≤ 200 ms |");
        System.out.println("| status, first read of a new session | " + String.format("%.1f", median(statusColdest))
                + " | |");
        System.exit(0);
    }

    private static void row(String name, double millis, double baseline) {
        System.out.printf("| %s | %.1f | %.2f× |%n", name, millis, millis / baseline);
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        double mid = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return mid / 1_000_000.0;
    }

    private static void psql(TestPostgres postgres, ConnectionTarget db, Path file) throws Exception {
        Process p = new ProcessBuilder("psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-h", "localhost", "-p",
                String.valueOf(postgres.port()), "-U", db.profile().user(), "-d", db.profile().database(), "-f",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
    }

    private static void cli(Path work, ConnectionTarget db, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "jobs.x402.console.Launcher", "migration"));
        args.addAll(List.of(command));
        args.addAll(List.of("--quiet", "--url", db.profile().jdbcUrl(), "--user", db.profile().user()));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
        builder.environment().put("X402_CONSOLE_HOME", work.resolve("home").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the CLI failed: " + output);
        }
    }

}
