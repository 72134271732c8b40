package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Secret;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.keys.Migration005;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Defects an adversarial pass found (the hardening issue), each with the hostile input that showed it. */
@ExtendWith(DatabaseExtension.class)
class HardeningTest {
    private static final String SECRET = "hardening-secret-Kp63";
    private static final String NEW_SECRET = "hardening-new-secret-Wd18";
    private static List<UUID> users;

    @TempDir
    Path home;

    @BeforeAll
    static void migrate(TestDatabase db) throws Exception {
        Migration005.apply(db);
        try (Connection c = db.connect()) {
            users = KeyFixtures.createUsers(c, 4, "hardening");
        }
    }

    private CliRun keys(TestDatabase db, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("keys"));
        all.addAll(List.of(args));
        all.add("--quiet");
        return CliRun.onDatabase(home, db, Map.of("INTEGRATION_ENCRYPTION_SECRET", SECRET, "NEW_SECRET", NEW_SECRET),
                stdin, all.toArray(String[]::new));
    }

    @Test
    void driverParametersThatLoadCodeOrSkipTheCertificateCheckAreRefused() {
        for (String parameter : List.of("sslfactory=org.postgresql.ssl.NonValidatingFactory",
                "socketFactory=com.example.Evil", "sslhostnameverifier=com.example.AllowAll",
                "sslpasswordcallback=com.example.Cb", "authenticationPluginClassName=com.example.Plugin")) {
            CliRun run = CliRun.run(home, Map.of(), "db", "ping", "--json", "--url",
                    "postgresql://postgres@db.example.com:5432/postgres?" + parameter);
            assertThat(run.exitCode).as(parameter + ": " + run).isEqualTo(2);
            assertThat(run.json().path("error").path("problem").asText()).contains(parameter.split("=")[0]);
        }
    }

    @Test
    void aUrlWithoutAHostIsRefusedInsteadOfMeaningLocalhost() {
        for (String url : List.of("postgresql://:5432/db", "jdbc:postgresql://")) {
            CliRun run = CliRun.run(home, Map.of(), "db", "ping", "--json", "--url", url);
            assertThat(run.exitCode).as(url + ": " + run).isEqualTo(2);
            assertThat(run.json().path("error").path("problem").asText()).contains("names no host");
        }
    }

    @Test
    void usageErrorsHonourJsonAndNameNoExceptionClass() {
        CliRun badUuid = CliRun.run(home, Map.of(), "keys", "set", "--user", "not-a-uuid", "--key-stdin", "--json");
        assertThat(badUuid.exitCode).isEqualTo(2);
        JsonNode doc = badUuid.json();
        assertThat(doc.path("error").path("exitCode").asInt()).isEqualTo(2);
        assertThat(badUuid.out + badUuid.err).doesNotContain("java.lang").doesNotContain("Exception");
        CliRun unknown = CliRun.run(home, Map.of(), "db", "ping", "--json", "--no-such-option");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.json().path("error").path("problem").asText()).contains("--no-such-option");
    }

    @Test
    void aBadSslModeIsRefusedEvenOnTheSandboxBeforeAnythingStarts() {
        CliRun run = CliRun.run(home, Map.of(), "db", "ping", "--sslmode", "foo", "--json");
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.json().path("error").path("problem").asText()).contains("foo");
        assertThat(Files.exists(home.resolve("data/sandbox/pgdata"))).as("no sandbox was created").isFalse();
    }

    @Test
    void aPasswordThatMayTravelInClearToARemoteHostNeedsAnExplicitOptIn() {
        for (String mode : List.of("disable", "allow", "prefer")) {
            // refused before anything is sent: no connection is attempted to the (unreachable) example host
            CliRun run = CliRun.run(home, Map.of("PGPASSWORD", "not-sent-Pw-93"), "db", "ping", "--json", "--url",
                    "postgresql://postgres@db.example.com:5432/postgres", "--sslmode", mode);
            assertThat(run.exitCode).as(mode + ": " + run).isEqualTo(4);
            assertThat(run.json().path("error").path("problem").asText()).contains("unencrypted")
                    .doesNotContain("not-sent-Pw-93");
        }
    }

    @Test
    void theNoSslmodeNoteIsNotPrintedWhenOneWasGiven() {
        CliRun run = CliRun.run(home, Map.of(), "db", "ping", "--url", "postgresql://postgres@127.0.0.2:1/postgres",
                "--sslmode", "require");
        assertThat(run.err).doesNotContain("No sslmode given");
    }

    @Test
    void aPageOfZeroRowsIsAUsageError(TestDatabase db) {
        assertThat(keys(db, "", "list", "--limit", "0").exitCode).isEqualTo(2);
        assertThat(keys(db, "", "list", "--limit", "-5").exitCode).isEqualTo(2);
    }

    @Test
    void aKeyOnStdinIsNeverCutOffAndWhiteSpaceIsNamed(TestDatabase db) {
        String user = users.get(0).toString();
        CliRun longLine = keys(db, "sk-or-v1-" + "a".repeat(2000) + "\n", "set", "--user", user, "--key-stdin",
                "--yes", "--force");
        assertThat(longLine.exitCode).as(longLine.toString()).isEqualTo(2);
        assertThat(longLine.err).contains("longer than 1024");
        CliRun spaced = keys(db, "  " + KeyFixtures.openRouterKey() + "\n", "set", "--user", user, "--key-stdin",
                "--yes");
        assertThat(spaced.exitCode).isEqualTo(2);
        assertThat(spaced.err).contains("white space").doesNotContain("does not start with");
    }

    @Test
    void aKeyStoredInClearIsTheFirstFindingAndAForceSavedNonKeyDoesNotBlockRotation(TestDatabase db)
            throws Exception {
        EncryptedKeyTable table = EncryptedKeyTable.openRouter(SchemaVariant.SEED);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET))) {
            KeyFixtures.clear(c, table);
            KeyFixtures.insertKeys(c, table, users.subList(0, 2), cipher);
            st.execute("insert into " + table.qualifiedTable() + " (user_id, encrypted_api_key) values ('"
                    + users.get(2) + "', '" + KeyFixtures.openRouterKey() + "'), ('" + users.get(3) + "', '"
                    + cipher.encrypt(Secret.of("a test password, not a key")) + "')");
        }
        CliRun scan = keys(db, "", "scan", "--json");
        assertThat(scan.exitCode).isEqualTo(1);
        JsonNode rows = scan.json().get("rows");
        assertThat(scan.out).contains("STORED_IN_CLEAR").contains("NOT_AN_OPENROUTER_KEY");
        CliRun text = keys(db, "", "scan");
        assertThat(text.out).contains("UNENCRYPTED").contains("decrypts with this secret, but to text that is not a key");
        assertThat(text.out.indexOf("UNENCRYPTED")).as("the most urgent finding comes first")
                .isLessThan(text.out.indexOf("not a key"));

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("delete from " + table.qualifiedTable() + " where user_id = '" + users.get(2) + "'");
        }
        CliRun rotate = keys(db, "", "rotate", "--new-secret-env", "NEW_SECRET", "--yes", "--json");
        assertThat(rotate.exitCode).as("a value that decrypts is rotated, key-shaped or not: " + rotate).isZero();
        assertThat(rows).isNotNull();
    }

    @Test
    void aRefusedRotationPrintsExactlyOneJsonDocument(TestDatabase db) throws Exception {
        EncryptedKeyTable table = EncryptedKeyTable.openRouter(SchemaVariant.SEED);
        try (Connection c = db.connect(); Statement st = c.createStatement();
             IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET))) {
            KeyFixtures.clear(c, table);
            KeyFixtures.insertKeys(c, table, users.subList(0, 2), cipher);
            st.execute("update " + table.qualifiedTable() + " set encrypted_api_key = 'ab:cd' where user_id = '"
                    + users.get(1) + "'");
        }
        CliRun refused = keys(db, "", "rotate", "--new-secret-env", "NEW_SECRET", "--yes", "--json");
        assertThat(refused.exitCode).isEqualTo(4);
        JsonNode doc = refused.json(); // fails unless stdout is exactly one document
        assertThat(doc.path("error").path("exitCode").asInt()).isEqualTo(4);
        assertThat(doc.path("undecryptable").toString()).contains(users.get(1).toString());
    }
}
