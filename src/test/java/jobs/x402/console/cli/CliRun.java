package jobs.x402.console.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with its own home, environment and captured streams. */
final class CliRun {
    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun run(Path home, Map<String, String> env, String... args) {
        return runWithInput(home, env, "", args);
    }

    /** Runs with {@code stdin} as standard input (for secrets piped in). */
    static CliRun runWithInput(Path home, Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>(env);
        environment.put(ConsoleHome.HOME_VARIABLE, home.toString());
        CliContext context = new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true),
                ConsoleHome.fromEnvironment(environment), prompt -> null,
                new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int code = new ConsoleCli(context).run(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Runs against a test database as the operator: {@code --url} and the role ({@code --db-user} for the keys
     * commands, whose {@code --user} names a key's owner), plus PGPASSWORD when the server asks for one.
     */
    static CliRun onDatabase(Path home, jobs.x402.console.testing.TestDatabase db, Map<String, String> env,
                             String stdin, String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--url", db.jdbcUrl(), all.contains("keys") ? "--db-user" : "--user", "postgres"));
        Map<String, String> environment = new HashMap<>(env);
        if (db.target().password() != null) {
            environment.put("PGPASSWORD", db.target().password().reveal());
        }
        return runWithInput(home, environment, stdin, all.toArray(String[]::new));
    }

    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document: " + out + "\nstderr: " + err, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
    }
}
