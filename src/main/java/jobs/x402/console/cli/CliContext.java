package jobs.x402.console.cli;

import jobs.x402.console.core.ConsoleHome;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;

/**
 * What a command may touch of the outside world, passed in so tests run commands in-process with their own
 * environment, streams and home directory.
 *
 * @param passwordPrompt asks for a password without echo; returns null when there is no terminal to ask on
 * @param in             standard input, for secrets piped in ({@code keys set --key-stdin})
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, ConsoleHome home,
                         Function<String, char[]> passwordPrompt, InputStream in) {

    /** A context whose standard input is empty. */
    public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, ConsoleHome home,
                      Function<String, char[]> passwordPrompt) {
        this(env, out, err, home, passwordPrompt, InputStream.nullInputStream());
    }

    /** The environment a session reads: this context's home and variables. */
    public jobs.x402.console.session.ConsoleEnvironment environment() {
        return new jobs.x402.console.session.ConsoleEnvironment(home, env);
    }

    public static CliContext system() {
        java.nio.charset.Charset terminal = PortableOutput.terminalCharset();
        return new CliContext(System.getenv(), PortableOutput.writer(System.out, terminal),
                PortableOutput.writer(System.err, terminal),
                ConsoleHome.fromEnvironment(), prompt -> System.console() == null ? null
                        : System.console().readPassword("%s", prompt), System.in);
    }
}
