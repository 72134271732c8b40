package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DatabaseExtension.class)
class DbCommandTest {
    @TempDir
    Path home;

    private Map<String, String> passwordEnv(TestDatabase db) {
        return db.target().password() == null ? Map.of() : Map.of("PGPASSWORD", db.target().password().reveal());
    }

    @Test
    void pingJsonGivesTheTargetIdentity(TestDatabase db) {
        CliRun run = CliRun.run(home, passwordEnv(db), "db", "ping", "--url", db.jdbcUrl(), "--user", "postgres",
                "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.path("database").asText()).isEqualTo(db.name());
        assertThat(doc.path("role").asText()).isEqualTo("postgres");
        assertThat(doc.path("superuser").asBoolean()).as("postgres is no superuser on Supabase").isFalse();
        assertThat(doc.path("bypassrls").asBoolean()).isTrue();
        assertThat(doc.path("serverVersion").asText()).matches("\\d+(\\.\\d+)?.*");
    }

    @Test
    void overviewJsonCountsTheDemoData(TestDatabase db) {
        CliRun run = CliRun.run(home, passwordEnv(db), "db", "overview", "--url", db.jdbcUrl(), "--user",
                "postgres", "--json", "--quiet");
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.path("users").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(doc.path("prerequisitesMet").asBoolean()).isTrue();
        assertThat(doc.path("resourcesByType").size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aBadUrlIsAUsageError() {
        CliRun run = CliRun.run(home, Map.of(), "db", "ping", "--url", "mysql://somewhere/db", "--json");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains("postgresql://");
        assertThat(run.json().path("error").path("exitCode").asInt()).isEqualTo(2);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.run(home, Map.of(), "db", "ping", "--no-such-flag");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--no-such-flag");
    }

    @Test
    void aWrongPasswordExitsThreeWithoutEchoingIt(TestDatabase db) {
        Assumptions.assumeFalse(TestPostgres.get().isExternal(), "the external server's pg_hba is unknown");
        String wrong = "Cli-Wrong-Password-77";
        CliRun run = CliRun.run(home, Map.of("PGPASSWORD", wrong), "db", "ping", "--url",
                "postgresql://" + TestPostgres.PASSWORD_ROLE + "@localhost:" + db.port() + "/" + db.name(),
                "--json");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.err).containsIgnoringCase("password");
        assertThat(run.out + run.err).doesNotContain(wrong);
    }

    @Test
    void versionAndHelpExitZero() {
        CliRun version = CliRun.run(home, Map.of(), "--version");
        assertThat(version.exitCode).isZero();
        assertThat(version.out).contains("x402 Operator Console");
        CliRun help = CliRun.run(home, Map.of(), "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("sandbox").contains("db").contains("Exit codes");
    }

    @Test
    void profilesAreSavedWithoutThePassword() throws Exception {
        String password = "Profile-Secret-123";
        CliRun add = CliRun.run(home, Map.of(), "profiles", "add", "prod", "--url",
                "postgresql://postgres.abcdefghijklmnop:" + password
                        + "@aws-0-eu-central-1.pooler.supabase.com:6543/postgres", "--json");
        assertThat(add.exitCode).as(add.toString()).isZero();
        assertThat(add.json().path("sslmode").asText()).isEqualTo("verify-full");
        assertThat(add.err).contains("transaction pooler");
        String saved = java.nio.file.Files.readString(home.resolve("config/profiles.json"));
        assertThat(saved).contains("aws-0-eu-central-1.pooler.supabase.com").doesNotContain(password);
        CliRun list = CliRun.run(home, Map.of(), "profiles", "list", "--json");
        assertThat(list.json().get(0).path("name").asText()).isEqualTo("prod");
        CliRun again = CliRun.run(home, Map.of(), "profiles", "add", "prod", "--host", "db.example.com");
        assertThat(again.exitCode).isEqualTo(4);
        assertThat(CliRun.run(home, Map.of(), "profiles", "remove", "prod").exitCode).isZero();
    }

    @Test
    void profilesTakeTheProjectsCaCertificateAndRefuseAPathThatIsNotThere() throws Exception {
        Path missing = home.resolve("no-such-ca.crt");
        CliRun refused = CliRun.run(home, Map.of(), "profiles", "add", "supabase", "--url",
                "postgresql://postgres@db.abcdefghijklmnop.supabase.co:5432/postgres", "--sslrootcert",
                missing.toString(), "--json");
        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err).contains(missing.toString());
        assertThat(home.resolve("config/profiles.json")).doesNotExist();

        Path ca = home.resolve("prod-ca-2021.crt");
        java.nio.file.Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        CliRun added = CliRun.run(home, Map.of(), "profiles", "add", "supabase", "--url",
                "postgresql://postgres@db.abcdefghijklmnop.supabase.co:5432/postgres", "--sslrootcert",
                ca.toString(), "--json");
        assertThat(added.exitCode).as(added.toString()).isZero();
        assertThat(added.json().path("sslrootcert").asText()).isEqualTo(ca.toAbsolutePath().toString());
        assertThat(added.json().path("sslmode").asText()).isEqualTo("verify-full");
    }
}
