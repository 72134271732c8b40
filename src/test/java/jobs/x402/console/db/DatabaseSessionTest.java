package jobs.x402.console.db;

import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.target.SslMode;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Secret;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(DatabaseExtension.class)
class DatabaseSessionTest {

    @Test
    void openReadsTheIdentityAndBootsHibernate(TestDatabase db) {
        try (DatabaseSession session = db.openSession()) {
            TargetIdentity identity = session.identity();
            assertThat(identity.database()).isEqualTo(db.name());
            assertThat(identity.role()).isEqualTo("postgres");
            assertThat(identity.superuser()).as("postgres is no superuser on Supabase").isFalse();
            assertThat(identity.bypassRls()).isTrue();
            assertThat(identity.serverVersionNum()).isGreaterThanOrEqualTo(150000);
            assertThat(identity.bannerLine()).contains(db.name()).contains("not superuser · BYPASSRLS");
            assertThat(session.sessionFactory().isOpen()).isTrue();
        }
    }

    @Test
    void aPortWithNoServerIsExplainedAsUnreachable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        ConnectionProfile profile = new ConnectionProfile("nowhere", "localhost", freePort, "postgres", "postgres",
                SslMode.DISABLE, null, Map.of());
        OperatorException failure = catchThrowableOfType(OperatorException.class,
                () -> DatabaseSession.probe(ConnectionTarget.sandbox(profile)));
        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.problem()).contains(String.valueOf(freePort));
        assertThat(failure.remedy()).isNotBlank();
    }

    @Test
    void aWrongPasswordIsExplainedAndNeverEchoed(TestDatabase db) {
        Assumptions.assumeFalse(TestPostgres.get().isExternal(), "the external server's pg_hba is unknown");
        ConnectionProfile profile = new ConnectionProfile("pw", "localhost", db.port(), db.name(),
                TestPostgres.PASSWORD_ROLE, SslMode.DISABLE, null, Map.of());
        String wrong = "Wrong-Secret-Password-9";
        OperatorException failure = catchThrowableOfType(OperatorException.class,
                () -> DatabaseSession.probe(ConnectionTarget.of(profile, Secret.of(wrong))));
        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.getMessage()).containsIgnoringCase("password").doesNotContain(wrong);
        TargetIdentity identity = DatabaseSession.probe(ConnectionTarget.of(profile,
                Secret.of(TestPostgres.PASSWORD_ROLE_PASSWORD)));
        assertThat(identity.superuser()).isFalse();
    }

    @Test
    void aMissingDatabaseIsNamed(TestDatabase db) {
        ConnectionProfile profile = new ConnectionProfile("missing", "localhost", db.port(), "no_such_db_x402",
                "postgres", SslMode.DISABLE, null, Map.of());
        OperatorException failure = catchThrowableOfType(OperatorException.class,
                () -> DatabaseSession.probe(db.target().password() == null ? ConnectionTarget.sandbox(profile)
                        : ConnectionTarget.of(profile, db.target().password())));
        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.problem()).contains("no_such_db_x402");
    }

    @Test
    void progressIsReportedAndCancellationStopsTheConnect(TestDatabase db) {
        List<String> steps = new java.util.ArrayList<>();
        try (DatabaseSession session = DatabaseSession.open(db.target(), List.of(), new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                steps.add(message);
            }
        })) {
            assertThat(session.identity()).isNotNull();
        }
        assertThat(steps).hasSizeGreaterThanOrEqualTo(3);
        ProgressListener cancelled = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThat(catchThrowableOfType(jobs.x402.console.core.OperationCancelledException.class,
                () -> DatabaseSession.open(db.target(), List.of(), cancelled))).isNotNull();
    }
}
