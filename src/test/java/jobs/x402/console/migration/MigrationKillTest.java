package jobs.x402.console.migration;

import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI killed (SIGKILL) in the middle of apply: the database is exactly as before, and apply works again. */
@ExtendWith(DatabaseExtension.class)
class MigrationKillTest {
    @TempDir
    Path home;

    @Test
    void aKilledApplyLeavesTheDatabaseFullyBefore(TestDatabase db) throws Exception {
        try (Connection blocker = db.connect(); Connection observer = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("lock table public.x402_resources in access share mode");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // surefire's own class path is a manifest jar; the test class path is the plain list of entries
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath,
                    "jobs.x402.console.Launcher", "migration", "apply", "--yes", "--quiet", "--lock-timeout", "120",
                    "--url", db.jdbcUrl(), "--user", "postgres");
            builder.environment().put("X402_CONSOLE_HOME", home.toString());
            if (db.target().password() != null) {
                builder.environment().put("PGPASSWORD", db.target().password().reveal());
            }
            builder.redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile());
            Process child = builder.start();
            try {
                try {
                    MigrationLockTest.waitUntilApplyWaitsOnALock(observer);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nchild output:\n"
                            + Files.readString(home.resolve("child.log")));
                }
                // by now the key table, its policies, function and trigger exist inside the child's transaction
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            blocker.rollback();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (MigrationFixtures.count(observer, "select count(*) from pg_stat_activity where application_name"
                    + " like 'x402-console migration apply%'") > 0) {
                assertThat(System.nanoTime()).as("the killed console's session ends").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (DatabaseSession session = db.openSession()) {
                MigrationService service = MigrationFixtures.service(session, home);
                MigrationStatusReport status = service.status();
                assertThat(status.state()).isEqualTo(MigrationState.PENDING);
                assertThat(status.objects()).allSatisfy(o -> assertThat(o.finding())
                        .isEqualTo(ObjectCheck.Finding.ABSENT));
                assertThat(status.lock().locked()).isFalse();
                assertThat(service.locks().free()).isTrue();
                assertThat(MigrationFixtures.exists(observer, "public.user_openrouter_integrations")).isFalse();
                assertThat(MigrationFixtures.exists(observer, "x402_console.databasechangelog"))
                        .as("the killed first apply leaves not even the bookkeeping tables").isFalse();
                MigrationFixtures.apply(service);
                assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);
            }
            assertThat(List.of(home.resolve("child.log"))).allSatisfy(p -> assertThat(p).exists());
        }
    }
}
