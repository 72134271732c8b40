package jobs.x402.console.core;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Append-only local record (JSON lines) of every change an operator made. Callers pass identifiers and outcomes,
 * never secret values; the file is locked per append so two consoles never interleave a line.
 */
public final class AuditLog {
    // a FileLock guards against other processes only: threads of this JVM (verify-all's workers) queue here first
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Path file;
    private final ObjectMapper mapper = Json.mapper();

    public AuditLog(Path file) {
        this.file = file;
    }

    public static AuditLog in(ConsoleHome home) {
        return new AuditLog(home.data("audit.jsonl"));
    }

    public Path file() {
        return file;
    }

    public record Entry(Instant at, String osUser, String databaseRole, String target, String action, String subject,
                        String result, Map<String, Object> details) {
    }

    public Entry append(String databaseRole, String target, String action, String subject, String result,
                        Map<String, Object> details) {
        Entry entry = new Entry(Instant.now(), System.getProperty("user.name"), databaseRole, target, action, subject,
                result, details == null ? Map.of() : new LinkedHashMap<>(details));
        try {
            PrivateFiles.ensureFile(file);
            byte[] line = (mapper.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Object monitor = IN_PROCESS_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
            synchronized (monitor) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND); FileLock ignored = channel.lock()) {
                    channel.write(ByteBuffer.wrap(line));
                    channel.force(false);
                }
            }
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file, e);
        }
    }

    public List<Entry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(mapper.readValue(line, Entry.class));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file, e);
        }
    }
}
