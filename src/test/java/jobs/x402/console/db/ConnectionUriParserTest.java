package jobs.x402.console.db;

import jobs.x402.console.target.SslMode;
import jobs.x402.console.target.PoolerMode;
import jobs.x402.console.target.ConnectionUriParser;
import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConnectionUriParserTest {

    @Test
    void supabaseDirectUriWithPlaceholderAsksForThePassword() {
        ConnectionUriParser.ParsedConnection parsed = ConnectionUriParser.parse(
                "postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnop.supabase.co:5432/postgres", "prod");
        ConnectionProfile p = parsed.profile();
        assertThat(p.host()).isEqualTo("db.abcdefghijklmnop.supabase.co");
        assertThat(p.port()).isEqualTo(5432);
        assertThat(p.user()).isEqualTo("postgres");
        assertThat(parsed.embeddedPassword()).isNull();
        assertThat(parsed.notes()).anyMatch(n -> n.contains("placeholder"));
        assertThat(p.effectiveSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(p.poolerMode()).isEqualTo(PoolerMode.DIRECT);
    }

    @Test
    void supabaseTransactionPoolerIsDetectedWithItsLimits() {
        ConnectionUriParser.ParsedConnection parsed = ConnectionUriParser.parse(
                "postgresql://postgres.abcdefghijklmnop:s3cr%40t@aws-0-eu-central-1.pooler.supabase.com:6543/postgres",
                "pooler");
        assertThat(parsed.profile().user()).isEqualTo("postgres.abcdefghijklmnop");
        assertThat(parsed.profile().poolerMode()).isEqualTo(PoolerMode.TRANSACTION_POOLER);
        assertThat(parsed.profile().poolerMode().limitation()).contains("advisory").contains("5432");
        assertThat(parsed.embeddedPassword().reveal()).isEqualTo("s3cr@t");
        assertThat(parsed.embeddedPassword().toString()).doesNotContain("s3cr");
        ConnectionProfile session = ConnectionUriParser.parse(
                "postgresql://postgres.ref@aws-0-eu-central-1.pooler.supabase.com:5432/postgres", "s").profile();
        assertThat(session.poolerMode()).isEqualTo(PoolerMode.SESSION_POOLER);
    }

    @Test
    void jdbcUrlKeepsSslModeAndOptions() {
        ConnectionProfile p = ConnectionUriParser.parse(
                "jdbc:postgresql://10.1.2.3:5433/app?sslmode=require&user=ops&ApplicationName=x", "j").profile();
        assertThat(p.host()).isEqualTo("10.1.2.3");
        assertThat(p.port()).isEqualTo(5433);
        assertThat(p.database()).isEqualTo("app");
        assertThat(p.user()).isEqualTo("ops");
        assertThat(p.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(p.jdbcUrl()).contains("sslmode=require").contains("ApplicationName=x");
    }

    @Test
    void loopbackDefaultsToPreferAndIpv6IsBracketed() {
        ConnectionProfile p = ConnectionUriParser.parse("postgresql://me@[::1]:5432/db", "v6").profile();
        assertThat(p.host()).isEqualTo("::1");
        assertThat(p.isLoopback()).isTrue();
        assertThat(p.effectiveSslMode()).isEqualTo(SslMode.PREFER);
        assertThat(p.jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void badInputIsAUsageErrorThatNeverEchoesThePassword() {
        OperatorException notPostgres = catchThrowableOfType(OperatorException.class,
                () -> ConnectionUriParser.parse("mysql://u:hunter2@h/db", "x"));
        assertThat(notPostgres.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notPostgres.getMessage()).doesNotContain("hunter2");
        OperatorException badPort = catchThrowableOfType(OperatorException.class,
                () -> ConnectionUriParser.parse("postgresql://u@h:99999/db", "x"));
        assertThat(badPort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(catchThrowableOfType(OperatorException.class, () -> ConnectionUriParser.parse("  ", "x"))
                .remedy()).contains("postgresql://");
    }

    @Test
    void redactionHidesPasswordsInBothForms() {
        assertThat(ConnectionUriParser.redactPassword("postgresql://u:pw@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(ConnectionUriParser.redactPassword("jdbc:postgresql://h/db?password=pw&x=1"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&x=1");
    }
}
