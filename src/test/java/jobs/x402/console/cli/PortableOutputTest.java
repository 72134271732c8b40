package jobs.x402.console.cli;

import jobs.x402.console.core.ConsoleHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In a POSIX (ASCII) locale the console's typography prints as ASCII, never as "?", and JSON stays exact. */
class PortableOutputTest {
    @TempDir
    Path home;

    @Test
    void asciiTerminalGetsAsciiSpellings() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = PortableOutput.writer(bytes, StandardCharsets.US_ASCII);
        out.println("users 2 · models 5 … a → b — c – d × 3 ≤ 4 café Zoë");
        out.flush();
        assertThat(bytes.toString(StandardCharsets.US_ASCII))
                .isEqualTo("users 2 - models 5 ... a -> b -- c - d x 3 <= 4 cafe Zoe" + System.lineSeparator());
        assertThat(PortableOutput.isLimited(out)).isTrue();
    }

    @Test
    void unicodeTerminalGetsTheTextAsIs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = PortableOutput.writer(bytes, StandardCharsets.UTF_8);
        out.println("users 2 · models 5 … café");
        out.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("users 2 · models 5 … café");
        assertThat(PortableOutput.isLimited(out)).isFalse();
    }

    @Test
    void latin1TerminalKeepsWhatItCanEncode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = PortableOutput.writer(bytes, StandardCharsets.ISO_8859_1);
        out.println("café · done");
        out.flush();
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).startsWith("café · done");
    }

    @Test
    void commandsOnAnAsciiTerminalPrintNoQuestionMarksAndExactJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(ConsoleHome.HOME_VARIABLE, home.toString());
        CliContext context = new CliContext(env, PortableOutput.writer(out, StandardCharsets.US_ASCII),
                PortableOutput.writer(err, StandardCharsets.US_ASCII), ConsoleHome.fromEnvironment(env), p -> null);
        // the role and database are the operator's text: non-ASCII reaches both the text and the JSON output
        assertThat(new ConsoleCli(context).run("profiles", "add", "prod", "--host", "db.example.com",
                "--user", "zoë", "--database", "café")).isZero();
        assertThat(new ConsoleCli(context).run("profiles", "list", "--json")).isZero();
        String printed = out.toString(StandardCharsets.US_ASCII);
        assertThat(printed).contains("saved profile prod: zoe@db.example.com:5432/cafe sslmode=verify-full")
                .contains("\"user\" : \"zo\\u00EB\"").contains("\"database\" : \"caf\\u00E9\"")
                .doesNotContain("?");
        assertThat(err.toString(StandardCharsets.US_ASCII)).doesNotContain("?");
    }
}
