package jobs.x402.console.db;

import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The failures an operator meets first on a hosted project, each named with its own fix. */
class ConnectionFailuresTest {
    private final ConnectionProfile supabase = new ConnectionProfile("prod", "10.0.0.5", 5432, "postgres", "postgres",
            null, null, Map.of());

    @Test
    void aCertificateForAnotherNameSaysWhichNameToUse() {
        PSQLException e = new PSQLException("SSL error: The hostname 10.0.0.5 could not be verified by"
                + " hostnameverifier PgjdbcHostnameVerifier.", PSQLState.CONNECTION_FAILURE,
                new SSLPeerUnverifiedException("The hostname 10.0.0.5 could not be verified by hostnameverifier"
                        + " PgjdbcHostnameVerifier."));
        OperatorException explained = ConnectionFailures.explain(e, supabase);
        assertThat(explained.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(explained.problem()).contains("is for another name");
        assertThat(explained.remedy()).contains("db.<ref>.supabase.co").contains("not an IP address");
    }

    @Test
    void aConnectionLossIsRecognisedByItsState() {
        assertThat(ConnectionFailures.isConnectionLoss(new PSQLException("gone", PSQLState.CONNECTION_FAILURE))).isTrue();
        assertThat(ConnectionFailures.isConnectionLoss(new java.sql.SQLException("terminating connection due to"
                + " administrator command", "57P01"))).isTrue();
        assertThat(ConnectionFailures.isConnectionLoss(new java.sql.SQLException("duplicate key", "23505"))).isFalse();
    }
}
