package jobs.x402.console.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import jobs.x402.console.core.Json;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** --json and --quiet, shared by every command. */
public class OutputOptions {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    void printJson(PrintWriter out, Object document) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
