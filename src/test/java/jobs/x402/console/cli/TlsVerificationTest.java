package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jobs.x402.console.core.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS as an operator meets it on a hosted project: a server with a certificate the system does not trust, reached
 * under a name that is not local. A PostgreSQL with a self-signed certificate runs on loopback; the console runs as
 * a child JVM whose resolver maps {@code db.x402-tls-test.example} to 127.0.0.1 ({@code jdk.net.hosts.file}), so the
 * connection is "remote" to the console and never leaves the machine.
 */
class TlsVerificationTest {
    private static final String HOST = "db.x402-tls-test.example";
    private static EmbeddedPostgres server;
    private static Path dir;
    private static Path certificate;

    @TempDir
    Path home;

    @BeforeAll
    static void startServerWithASelfSignedCertificate() throws Exception {
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-test-");
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Key key = store.getKey("server", "changeit".toCharArray());
        Certificate cert = store.getCertificate("server");
        certificate = dir.resolve("server-ca.crt");
        Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
        Path keyFile = dir.resolve("server.key");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        server = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Path.of("target", "test-postgres", "binaries").toAbsolutePath().toFile())
                .setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificate.toString())
                .setServerConfig("ssl_key_file", keyFile.toString())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private record Result(int exitCode, String out) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    /** The console as a child JVM whose resolver knows the test name (and nothing else). */
    private Result console(String... args) throws Exception {
        Path hosts = home.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + HOST + "\n127.0.0.1 localhost\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djdk.net.hosts.file=" + hosts, "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "jobs.x402.console.Launcher"));
        command.addAll(List.of(args));
        Path out = home.resolve("out-" + System.nanoTime() + ".json");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("X402_CONSOLE_HOME", home.toString());
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out));
    }

    private String url(String query) {
        return "postgresql://postgres@" + HOST + ":" + server.getPort() + "/postgres" + query;
    }

    @Test
    void byDefaultAnUntrustedCertificateIsRefusedWithTheFixNamed() throws Exception {
        Result result = console("db", "ping", "--json", "--url", url(""));
        assertThat(result.exitCode()).as(result.out()).isEqualTo(3);
        JsonNode error = result.json().path("error");
        assertThat(error.path("problem").asText()).contains("TLS with " + HOST + " failed").contains("verify-full");
        assertThat(error.path("remedy").asText()).contains("CA certificate");
    }

    @Test
    void withTheProjectsCaTheCertificateAndTheNameAreVerifiedAndThatLevelIsReported() throws Exception {
        Result result = console("db", "ping", "--json", "--url", url(""), "--sslrootcert", certificate.toString());
        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.json().path("sslmode").asText()).isEqualTo("verify-full");
        assertThat(result.json().path("ssl").asBoolean()).as("TLS really in use").isTrue();
    }

    @Test
    void aWeakerModeIsReportedAsWhatItIs() throws Exception {
        Result result = console("db", "ping", "--json", "--url", url(""), "--sslmode", "require");
        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.json().path("sslmode").asText()).isEqualTo("require");
        assertThat(result.json().path("ssl").asBoolean()).isTrue();
    }

    @Test
    void aFactoryThatSkipsTheCheckIsRefusedAndNothingConnects() throws Exception {
        Result result = console("db", "ping", "--json", "--url",
                url("?sslfactory=org.postgresql.ssl.NonValidatingFactory"));
        assertThat(result.exitCode()).as(result.out()).isEqualTo(2);
        assertThat(result.json().path("error").path("problem").asText()).contains("sslfactory");
    }
}
