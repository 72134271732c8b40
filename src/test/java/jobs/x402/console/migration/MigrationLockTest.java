package jobs.x402.console.migration;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A second operator is refused at once with the holder's name; stale Liquibase locks; exactly one apply wins. */
@ExtendWith(DatabaseExtension.class)
class MigrationLockTest {
    @TempDir
    Path home;

    @Test
    void aLockHeldByAnotherSessionIsRefusedAtOnceNamingTheHolder(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession(); Connection other = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationFixtures.ensurePending(session, service, db.name());
            try (Statement st = other.createStatement()) {
                st.execute("set application_name = 'erin console on laptop-7'");
                st.execute("select pg_advisory_lock(" + MigrationLock.LOCK_CLASS + ", " + MigrationLock.LOCK_ID + ")");
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> MigrationFixtures.apply(service)).isInstanceOf(OperatorException.class)
                    .hasMessageContaining("erin console on laptop-7").hasMessageContaining("since")
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            LockReport report = service.locks();
            assertThat(report.consoleHolders()).extracting(LockHolder::application)
                    .containsExactly("erin console on laptop-7");
            assertThatThrownBy(() -> service.releaseStaleLock(jobs.x402.console.core.Confirmation.given())).hasMessageContaining("right now");
            try (Statement st = other.createStatement()) {
                st.execute("select pg_advisory_unlock_all()");
            }
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
        }
    }

    @Test
    void aStaleLiquibaseLockIsShownAndReleasedOnlyWithConfirmation(TestDatabase db) throws Exception {
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationFixtures.ensurePending(session, service, db.name());
            try (Statement st = c.createStatement()) {
                st.execute("update x402_console.databasechangeloglock set locked = true,"
                        + " lockedby = 'ghost-host (10.9.9.9)', lockgranted = now() - interval '2 hours' where id = 1");
            }
            assertThatThrownBy(() -> MigrationFixtures.apply(service)).hasMessageContaining("ghost-host (10.9.9.9)")
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
            LockReport report = service.locks();
            assertThat(report.liquibaseLockPossiblyStale()).isTrue();
            assertThat(report.liquibase().lockedBy()).isEqualTo("ghost-host (10.9.9.9)");
            assertThatThrownBy(() -> service.releaseStaleLock(jobs.x402.console.core.Confirmation.none())).hasMessageContaining("confirmation");
            assertThat(service.releaseStaleLock(jobs.x402.console.core.Confirmation.given()).locked()).as("it was locked before").isTrue();
            assertThat(service.locks().free()).isTrue();
            assertThat(home.resolve("audit.jsonl")).content().contains("migration.release-lock", "ghost-host");
            MigrationFixtures.apply(service);
            assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);
        }
    }

    @Test
    void twoConsolesApplyingAtOnceExactlyOneApplies(TestDatabase db) throws Exception {
        try (DatabaseSession first = db.openSession(); DatabaseSession second = db.openSession();
             Connection blocker = db.connect(); Connection observer = db.connect()) {
            MigrationService firstService = MigrationFixtures.service(first, home);
            MigrationService secondService = MigrationFixtures.service(second, home);
            MigrationFixtures.ensurePending(first, firstService, db.name());
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("lock table public.x402_resources in access share mode"); // the first apply waits here
            }
            CompletableFuture<ApplyResult> firstApply = CompletableFuture.supplyAsync(() ->
                    firstService.apply(jobs.x402.console.core.Confirmation.given(), Duration.ofSeconds(60), ProgressListener.NONE));
            waitUntilApplyWaitsOnALock(observer); // not the blocker: pg_stat_activity is frozen inside a transaction
            String sessions = sessions(observer);
            assertThatThrownBy(() -> secondService.apply(jobs.x402.console.core.Confirmation.given(), Duration.ofSeconds(5), ProgressListener.NONE))
                    .as(sessions)
                    .hasMessageContaining("x402-console migration apply by")
                    .satisfies(e -> assertThat(((OperatorException) e).exitCode()).isEqualTo(ExitCode.REFUSED));
            blocker.rollback();
            ApplyResult result = firstApply.get(60, TimeUnit.SECONDS);
            assertThat(result.applied()).isTrue();
            assertThat(secondService.apply(jobs.x402.console.core.Confirmation.given(), Duration.ofSeconds(5), ProgressListener.NONE).applied())
                    .as("the loser, retrying, finds it applied").isFalse();
            assertThat(MigrationFixtures.count(blocker, "select count(*) from x402_console.databasechangelog"
                    + " where id = '005-openrouter-instant'")).isEqualTo(1);
        }
    }

    static String sessions(Connection observer) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Statement st = observer.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "select a.pid, a.application_name, a.state, a.wait_event_type, left(a.query, 60),"
                        + " (select string_agg(l.locktype || ':' || coalesce(l.objid::text, '') || ':' || l.granted, ',')"
                        + " from pg_locks l where l.pid = a.pid and l.locktype = 'advisory')"
                        + " from pg_stat_activity a where a.backend_type = 'client backend'")) {
            while (rs.next()) {
                b.append('\n').append(rs.getString(1)).append(" | ").append(rs.getString(2)).append(" | ")
                        .append(rs.getString(3)).append(" | ").append(rs.getString(4)).append(" | ")
                        .append(rs.getString(5)).append(" | ").append(rs.getString(6));
            }
        }
        return b.toString();
    }

    static void waitUntilApplyWaitsOnALock(Connection observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (MigrationFixtures.count(observer, "select count(*) from pg_stat_activity where application_name"
                    + " like 'x402-console migration apply%' and wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        StringBuilder sessions = new StringBuilder();
        try (Statement st = observer.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "select application_name, state, wait_event_type, left(query, 80) from pg_stat_activity")) {
            while (rs.next()) {
                sessions.append('\n').append(rs.getString(1)).append(" | ").append(rs.getString(2)).append(" | ")
                        .append(rs.getString(3)).append(" | ").append(rs.getString(4));
            }
        }
        throw new AssertionError("the apply never reached the blocked statement; sessions:" + sessions);
    }
}
