package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.Secret;
import jobs.x402.console.keys.EncryptedKeyTable;
import jobs.x402.console.keys.IntegrationCipher;
import jobs.x402.console.keys.KeyFixtures;
import jobs.x402.console.keys.Migration005;
import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

/** `keys …` end to end in-process: exit codes, --json, secrets only from the environment and stdin. */
@ExtendWith(DatabaseExtension.class)
class KeysCommandTest {
    private static final String SECRET = "cli-keys-secret-Wm55";
    private static final String NEW_SECRET = "cli-keys-new-secret-Yt08";
    private static List<UUID> users;
    private Map<UUID, String> keys;

    @TempDir
    Path home;

    @BeforeAll
    static void migrate(TestDatabase db) throws Exception {
        Migration005.apply(db);
        try (Connection c = db.connect()) {
            users = KeyFixtures.createUsers(c, 30, "cli");
        }
    }

    @BeforeEach
    void keys(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); IntegrationCipher cipher = IntegrationCipher.forSecret(Secret.of(SECRET))) {
            KeyFixtures.clear(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED));
            keys = KeyFixtures.insertKeys(c, EncryptedKeyTable.openRouter(jobs.x402.console.target.SchemaVariant.SEED), users.subList(0, 20), cipher);
        }
    }

    private CliRun keys(TestDatabase db, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("keys"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--db-user", "postgres", "--quiet"));
        return CliRun.runWithInput(home, env(db, "INTEGRATION_ENCRYPTION_SECRET", SECRET, "NEW_SECRET", NEW_SECRET),
                stdin, all.toArray(String[]::new));
    }

    /** The variables given, plus PGPASSWORD when the test server asks for one (an external one does). */
    private static Map<String, String> env(TestDatabase db, String... pairs) {
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        if (db.target().password() != null) {
            env.put("PGPASSWORD", db.target().password().reveal());
        }
        return env;
    }

    @Test
    void listShowsMaskedKeysAndScanExitsOneOnABadRow(TestDatabase db) throws Exception {
        CliRun list = keys(db, "", "list", "--json", "--limit", "5");
        assertThat(list.exitCode).as(list.toString()).isZero();
        JsonNode doc = list.json();
        assertThat(doc.get("rows")).hasSize(5);
        assertThat(doc.get("rows").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(doc.get("rows").get(0).get("maskedKey").asText()).startsWith("sk-or-v1-…");
        assertThat(doc.get("nextCursor").isNull()).isFalse();

        CliRun healthy = keys(db, "", "scan", "--json");
        assertThat(healthy.exitCode).as(healthy.toString()).isZero();
        assertThat(healthy.json().get("rows")).hasSize(20);

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update public.user_openrouter_integrations set encrypted_api_key = 'nothex:zz'"
                    + " where user_id = '" + users.get(3) + "'");
        }
        CliRun scan = keys(db, "", "scan", "--json");
        assertThat(scan.exitCode).as(scan.toString()).isEqualTo(1);
        JsonNode bad = scan.json().get("rows");
        boolean found = false;
        for (JsonNode row : bad) {
            if (row.get("userId").asText().equals(users.get(3).toString())) {
                assertThat(row.get("status").asText()).isEqualTo("NOT_HEX");
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void setReadsTheKeyFromStdinAndNeedsYes(TestDatabase db) {
        String key = KeyFixtures.openRouterKey();
        UUID user = users.get(25);
        CliRun unconfirmed = keys(db, key + "\n", "set", "--user", user.toString(), "--key-stdin");
        assertThat(unconfirmed.exitCode).isEqualTo(4);
        CliRun noStdin = keys(db, "", "set", "--user", user.toString(), "--yes");
        assertThat(noStdin.exitCode).isEqualTo(2);
        CliRun notAKey = keys(db, "password123\n", "set", "--user", user.toString(), "--key-stdin", "--yes");
        assertThat(notAKey.exitCode).isEqualTo(2);
        assertThat(notAKey.err).doesNotContain("password123");

        CliRun set = keys(db, key + "\n", "set", "--user", user.toString(), "--key-stdin", "--yes", "--json");
        assertThat(set.exitCode).as(set.toString()).isZero();
        assertThat(set.json().get("maskedKey").asText()).endsWith(key.substring(key.length() - 4));
        assertThat(set.out + set.err).doesNotContain(key);

        CliRun noReveal = keys(db, "", "reveal", "--user", user.toString());
        assertThat(noReveal.exitCode).isEqualTo(4);
        CliRun reveal = keys(db, "", "reveal", "--user", user.toString(), "--yes");
        assertThat(reveal.exitCode).as(reveal.toString()).isZero();
        assertThat(reveal.out.strip()).isEqualTo(key);

        CliRun nobody = keys(db, key + "\n", "set", "--user", UUID.randomUUID().toString(), "--key-stdin", "--yes");
        assertThat(nobody.exitCode).isEqualTo(2);
        assertThat(nobody.err).contains("auth.users");
    }

    @Test
    void enableDisableDeleteAndExitCodes(TestDatabase db) {
        String user = users.get(1).toString();
        assertThat(keys(db, "", "disable", "--user", user).exitCode).isZero();
        assertThat(keys(db, "", "list", "--json", "--filter", "disabled").json().get("rows")).hasSize(1);
        assertThat(keys(db, "", "enable", "--user", user).exitCode).isZero();
        assertThat(keys(db, "", "delete", "--user", user).exitCode).isEqualTo(4);
        assertThat(keys(db, "", "delete", "--user", user, "--yes").exitCode).isZero();
        assertThat(keys(db, "", "delete", "--user", user, "--yes").exitCode).isEqualTo(2);
    }

    @Test
    void rotateRefusesWithExitFourWhileRowsDoNotDecryptUnlessExcluded(TestDatabase db) throws Exception {
        UUID broken = users.get(5);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update public.user_openrouter_integrations set encrypted_api_key = 'ab:cd'"
                    + " where user_id = '" + broken + "'");
        }
        CliRun preview = keys(db, "", "rotate", "--new-secret-env", "NEW_SECRET");
        assertThat(preview.exitCode).as(preview.toString()).isEqualTo(4);
        assertThat(preview.out).contains("1 do not decrypt").contains(broken.toString());

        CliRun refused = keys(db, "", "rotate", "--new-secret-env", "NEW_SECRET", "--yes", "--json");
        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(4);
        assertThat(refused.out).contains(broken.toString());

        CliRun rotated = keys(db, "", "rotate", "--new-secret-env", "NEW_SECRET", "--yes", "--exclude-undecryptable",
                "--json");
        assertThat(rotated.exitCode).as(rotated.toString()).isZero();
        assertThat(rotated.out).contains("\"verifiedAfter\" : true");

        CliRun oldScan = keys(db, "", "scan");
        assertThat(oldScan.exitCode).isEqualTo(1);
        CliRun newScan = CliRun.run(home, env(db, "NEW_SECRET", NEW_SECRET), "keys", "scan", "--secret-env",
                "NEW_SECRET", "--url", db.jdbcUrl(), "--db-user", "postgres", "--quiet", "--json");
        assertThat(newScan.json().get("counts").get("OK").asInt()).isEqualTo(19);
    }

    @Test
    void aMissingSecretIsAUsageErrorThatNamesTheVariable(TestDatabase db) {
        CliRun run = CliRun.run(home, env(db), "keys", "scan", "--secret-env", "NOPE_SECRET", "--url", db.jdbcUrl(),
                "--db-user", "postgres", "--quiet");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("NOPE_SECRET");
    }

    @Test
    void auditAndLogFilesHoldNoSecretOrKey(TestDatabase db) throws Exception {
        String key = KeyFixtures.openRouterKey();
        keys(db, key + "\n", "set", "--user", users.get(26).toString(), "--key-stdin", "--yes");
        keys(db, "", "reveal", "--user", users.get(26).toString(), "--yes");
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(home)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        Path logs = Path.of("target", "test-logs");
        if (Files.isDirectory(logs)) {
            try (var walk = Files.walk(logs)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).as(file.toString()).doesNotContain(SECRET).doesNotContain(NEW_SECRET)
                    .doesNotContain(key);
            for (String stored : keys.values()) {
                assertThat(text).as(file.toString()).doesNotContain(stored);
            }
        }
    }
}
