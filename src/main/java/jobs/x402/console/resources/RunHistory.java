package jobs.x402.console.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The local test-run history: one JSON line per run, appended under a file lock so two consoles never interleave. */
public final class RunHistory {
    private final Path file;
    // a line written by another version may name an error kind this one does not know: keep the run, drop the kind
    private final ObjectMapper mapper = Json.mapper().copy()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    public RunHistory(Path file) {
        this.file = file;
    }

    public static RunHistory in(ConsoleHome home) {
        return new RunHistory(home.data("resource-runs.jsonl"));
    }

    public Path file() {
        return file;
    }

    public void append(RunRecord record) {
        try {
            jobs.x402.console.core.PrivateFiles.ensureFile(file);
            byte[] line = (mapper.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock ignored = channel.lock()) {
                channel.write(ByteBuffer.wrap(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the run history " + file, e);
        }
    }

    /** Every run, oldest first; a damaged line is skipped rather than hiding the rest. */
    public List<RunRecord> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RunRecord> runs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    runs.add(mapper.readValue(line, RunRecord.class));
                } catch (IOException damaged) {
                    // a line cut by a crash: the others are still worth showing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run history " + file, e);
        }
        return runs;
    }

    /** The run whose id starts with {@code prefix} (at least 4 characters, unique). */
    public RunRecord find(String prefix) {
        if (prefix == null || prefix.length() < 4) {
            throw OperatorException.usage("Run id '" + prefix + "' is too short", "give at least 4 characters");
        }
        List<RunRecord> matches = read().stream().filter(r -> r.id().startsWith(prefix)).toList();
        if (matches.isEmpty()) {
            throw OperatorException.usage("No run " + prefix + " in " + file, "list the runs kept on this machine")
                    .withAction(jobs.x402.console.core.RemedyAction.SHOW_RUN_HISTORY);
        }
        if (matches.size() > 1) {
            throw OperatorException.usage("Run id " + prefix + " matches " + matches.size() + " runs",
                    "give more characters");
        }
        return matches.get(0);
    }

    /** Two runs side by side: each row a label and both values as text, flagged when they differ. */
    public record Row(String label, String left, String right) {
        public boolean differs() {
            return !java.util.Objects.equals(left, right);
        }
    }

    public static List<Row> compare(RunRecord a, RunRecord b) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        rows.put("run", new String[] {a.id(), b.id()});
        rows.put("at", new String[] {when(a), when(b)});
        rows.put("resource", new String[] {a.resource(), b.resource()});
        rows.put("model", new String[] {a.model(), b.model()});
        rows.put("reading", new String[] {reading(a.reading()), reading(b.reading())});
        rows.put("parameters", new String[] {parameters(a.parameters()), parameters(b.parameters())});
        rows.put("user message", new String[] {a.userMessage(), b.userMessage()});
        rows.put("outcome", new String[] {outcome(a.outcome()), outcome(b.outcome())});
        rows.put("finish reason", new String[] {a.finishReason(), b.finishReason()});
        rows.put("prompt tokens", new String[] {str(a.promptTokens()), str(b.promptTokens())});
        rows.put("completion tokens", new String[] {str(a.completionTokens()), str(b.completionTokens())});
        rows.put("cost (USD)", new String[] {a.cost() == null ? null : a.cost().toPlainString(),
                b.cost() == null ? null : b.cost().toPlainString()});
        rows.put("time to first token (ms)", new String[] {str(a.timeToFirstTokenMillis()),
                str(b.timeToFirstTokenMillis())});
        rows.put("total time (ms)", new String[] {str(a.totalMillis()), str(b.totalMillis())});
        rows.put("generation id", new String[] {a.generationId(), b.generationId()});
        rows.put("error", new String[] {a.errorProblem(), b.errorProblem()});
        rows.put("images", new String[] {String.valueOf(a.images().size()), String.valueOf(b.images().size())});
        rows.put("text", new String[] {a.text(), b.text()});
        List<Row> list = new ArrayList<>();
        rows.forEach((label, values) -> list.add(new Row(label, values[0], values[1])));
        return list;
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /** The comparison is read by people: words, not enum names or a map's toString. */
    private static String when(RunRecord run) {
        return run.at() == null ? null : WHEN.format(run.at());
    }

    static String reading(ConfigReading reading) {
        if (reading == null) {
            return null;
        }
        return reading == ConfigReading.LIVE_BACKEND ? "as the live backend sends it" : "as the config asks";
    }

    static String outcome(RunRecord.Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case ENDED_WITHOUT_DONE -> "ended without OpenRouter's [DONE]";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
        };
    }

    static String parameters(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return "none";
        }
        return String.join(", ", values.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
