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

    /** Pretty JSON; with non-ASCII characters escaped when the terminal's charset cannot carry them. */
    static com.fasterxml.jackson.databind.ObjectWriter jsonWriter(PrintWriter out) {
        com.fasterxml.jackson.databind.ObjectWriter writer = Json.mapper().writerWithDefaultPrettyPrinter();
        return PortableOutput.isLimited(out)
                ? writer.with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII) : writer;
    }

    void printJson(PrintWriter out, Object document) {
        try {
            out.println(jsonWriter(out).writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
