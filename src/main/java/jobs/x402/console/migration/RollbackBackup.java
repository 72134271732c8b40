package jobs.x402.console.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.TargetIdentity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup a rollback writes first: every value the rollback destroys, as JSON lines. Rows are PostgreSQL's own
 * to_jsonb text, so the ciphertext of each key is kept exactly as stored (never decrypted) and a restore gives back
 * identical rows. The first line says what and where from; the last line carries the row count and a SHA-256 of
 * every byte before it, so a truncated, edited or foreign file is refused.
 */
public final class RollbackBackup {
    public static final String FORMAT = "x402-console/migration-005-rollback-backup";
    static final int FORMAT_VERSION = 1;
    static final String RESOURCES_TABLE = MigrationSpec.RESOURCES_TABLE;
    private static final String ROW_PREFIX = "{\"table\":\"";
    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** The backend's stored format: a 16-byte IV, then whole 16-byte AES blocks, all lowercase hex. */
    private static final java.util.regex.Pattern CIPHERTEXT = java.util.regex.Pattern.compile(
            "[0-9a-f]{32}:(?:[0-9a-f]{32})+");
    private static final String ROW_INFIX = "\",\"row\":";

    private RollbackBackup() {
    }

    /** Where a backup goes when the operator does not name a file: the user's data directory. */
    public static Path defaultFile(ConsoleHome home, TargetIdentity identity) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        return home.data("backups").resolve("migration-005-" + identity.database().replaceAll("[^A-Za-z0-9_-]", "_")
                + "-" + stamp + ".jsonl");
    }

    /** Summary of a written or read backup. */
    public record Summary(Path file, String sha256, long keyRows, long resourceRows, Map<String, Object> header) {
    }

    /** One row read back from a backup, its JSON kept as the original text. */
    record Row(String table, String json, JsonNode parsed) {
    }

    record Contents(Summary summary, List<Row> rows) {
    }

    /** Reads the doomed values inside the rollback's transaction and writes them; refuses to overwrite a file. */
    static Summary write(Path file, Connection connection, TargetIdentity identity, SchemaVariant variant)
            throws SQLException {
        MigrationChangelog changelog = MigrationChangelog.of(variant);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        header.put("createdAt", Instant.now().toString());
        header.put("changeSet", changelog.identity());
        header.put("changelogChecksum", changelog.checksum());
        header.put("schemaVariant", variant.label());
        header.put("keyTable", variant.keyTable());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("host", identity.host());
        target.put("port", identity.port());
        target.put("database", identity.database());
        target.put("role", identity.role());
        target.put("kind", identity.kind().name().toLowerCase(java.util.Locale.ROOT));
        header.put("target", target);
        writeLine(body, json(header));
        long keys = copyRows(connection, body, variant.keyTable(),
                "select to_jsonb(t)::text from " + variant.qualifiedKeyTable() + " t order by t.user_id");
        long resources = copyRows(connection, body, RESOURCES_TABLE,
                "select jsonb_build_object('id', r.id, 'openrouter_model_id', r.openrouter_model_id,"
                        + " 'openrouter_config', r.openrouter_config)::text from public.x402_resources r"
                        + " where r.openrouter_model_id is not null or r.openrouter_config is not null order by r.id");
        String sha = sha256(body.toByteArray());
        Map<String, Object> trailer = new LinkedHashMap<>();
        trailer.put("end", true);
        trailer.put("keyRows", keys);
        trailer.put("resourceRows", resources);
        trailer.put("sha256", sha);
        writeLine(body, json(trailer));
        Path absolute = file.toAbsolutePath();
        boolean created = false;
        try {
            // created 0600 before the first byte: a failed write (disk full) never leaves a readable partial file
            jobs.x402.console.core.PrivateFiles.createNewFile(absolute);
            created = true;
            Files.write(absolute, body.toByteArray(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            throw OperatorException.usage("The backup file " + file + " already exists; nothing was rolled back",
                    "name a new file: a backup is never overwritten");
        } catch (IOException e) {
            if (created) {
                try {
                    Files.deleteIfExists(absolute);
                } catch (IOException ignored) {
                    // the rollback is refused either way; the partial file is private
                }
            }
            throw OperatorException.failure("The backup could not be written to " + file + ": " + e.getMessage()
                    + "; nothing was rolled back", "choose a writable location", e);
        }
        return new Summary(file, sha, keys, resources, header);
    }

    /** Reads and checks a backup; anything not exactly as this console wrote it is refused. */
    /** No backup this console writes comes near this; a larger "backup" is not one, and is not read into memory. */
    static final long MAX_BYTES = 1L << 30;

    static Contents read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw OperatorException.usage("The backup " + file + " is not a regular file (a device, a folder or"
                        + " missing); nothing was restored", "give the .jsonl file that the rollback wrote");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw OperatorException.refused("The file " + file + " is " + size + " bytes, larger than any"
                        + " rollback backup; nothing was restored", "give the .jsonl file that the rollback wrote");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw OperatorException.usage("The backup " + file + " cannot be read: " + e.getMessage(),
                    "check the path");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        if (lines.size() < 2 || !text.endsWith("\n")) {
            throw corrupt(file, "it is empty or truncated");
        }
        JsonNode header = parse(file, lines.get(0), "its first line");
        if (!FORMAT.equals(header.path("format").asText())) {
            throw OperatorException.refused("The file " + file + " is not a migration 005 rollback backup of this"
                    + " console: nothing was restored", "give a backup file that a rollback of 005 wrote")
                    .withAction(jobs.x402.console.core.RemedyAction.PROVIDE_ROLLBACK_BACKUP);
        }
        if (header.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw OperatorException.refused("The backup " + file + " has format version "
                    + header.path("formatVersion").asText() + "; this console reads version " + FORMAT_VERSION,
                    "restore it with the console version that wrote it");
        }
        JsonNode trailer = parse(file, lines.get(lines.size() - 1), "its last line");
        if (!trailer.path("end").asBoolean(false)) {
            throw corrupt(file, "its last line is not the checksum line (truncated?)");
        }
        int trailerStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        String actualSha = sha256(text.substring(0, trailerStart).getBytes(StandardCharsets.UTF_8));
        if (!actualSha.equals(trailer.path("sha256").asText())) {
            throw corrupt(file, "its SHA-256 does not match its content (edited or damaged)");
        }
        List<Row> rows = new ArrayList<>();
        long keys = 0;
        long resources = 0;
        for (String line : lines.subList(1, lines.size() - 1)) {
            Row row = row(file, line);
            if (isKeyTable(row.table())) {
                keys++;
            } else {
                resources++;
            }
            rows.add(row);
        }
        if (keys != trailer.path("keyRows").asLong(-1) || resources != trailer.path("resourceRows").asLong(-1)) {
            throw corrupt(file, "its row counts do not match its checksum line");
        }
        ObjectMapper mapper = Json.mapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> headerMap = mapper.convertValue(header, Map.class);
        return new Contents(new Summary(file, actualSha, keys, resources, headerMap), rows);
    }

    private static Row row(Path file, String line) {
        if (!line.startsWith(ROW_PREFIX) || !line.endsWith("}")) {
            throw corrupt(file, "a row line is malformed");
        }
        int infix = line.indexOf(ROW_INFIX);
        if (infix < 0) {
            throw corrupt(file, "a row line is malformed");
        }
        String table = line.substring(ROW_PREFIX.length(), infix);
        if (!isKeyTable(table) && !table.equals(RESOURCES_TABLE)) {
            throw corrupt(file, "a row names the table '" + table + "', which 005 does not touch");
        }
        String json = line.substring(infix + ROW_INFIX.length(), line.length() - 1);
        JsonNode parsed = parse(file, json, "a row");
        String idField = isKeyTable(table) ? "user_id" : "id";
        if (!parsed.isObject() || !parsed.hasNonNull(idField)) {
            throw corrupt(file, "a " + table + " row has no " + idField);
        }
        // the checksum has no key, so an edited file can carry a fresh one: every value's shape is checked too
        if (!UUID_TEXT.matcher(parsed.path(idField).asText()).matches()) {
            throw corrupt(file, "a " + table + " row's " + idField + " is not a uuid");
        }
        if (isKeyTable(table)) {
            if (!CIPHERTEXT.matcher(parsed.path("encrypted_api_key").asText("")).matches()) {
                throw corrupt(file, "a key row's encrypted_api_key is not ciphertext ('<32 hex>:<hex blocks>'); a"
                        + " key in clear or an edited value is never written");
            }
        } else {
            JsonNode model = parsed.get("openrouter_model_id");
            if (model != null && !model.isNull() && !UUID_TEXT.matcher(model.asText()).matches()) {
                throw corrupt(file, "a resource row's openrouter_model_id is not a uuid");
            }
            JsonNode config = parsed.get("openrouter_config");
            if (config != null && !config.isNull() && !config.isObject()) {
                throw corrupt(file, "a resource row's openrouter_config is not a JSON object");
            }
        }
        return new Row(table, json, parsed);
    }

    /** The key table of either schema variant: a backup names the one it was taken from. */
    static boolean isKeyTable(String table) {
        return java.util.Arrays.stream(SchemaVariant.values()).anyMatch(v -> v.keyTable().equals(table));
    }

    /** The variant a backup was taken on; backups written before variants existed are of the seed. */
    static SchemaVariant variantOf(Summary summary) {
        Object label = summary.header().get("schemaVariant");
        return label == null ? SchemaVariant.SEED : SchemaVariant.parse(label.toString());
    }

    private static long copyRows(Connection connection, ByteArrayOutputStream body, String table, String sql)
            throws SQLException {
        long count = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                writeLine(body, ROW_PREFIX + table + ROW_INFIX + rs.getString(1) + "}");
                count++;
            }
        }
        return count;
    }

    private static void writeLine(ByteArrayOutputStream out, String line) {
        out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(Path file, String json, String where) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw corrupt(file, where + " is not JSON"); // no excerpt: rows hold ciphertext
        }
    }

    private static OperatorException corrupt(Path file, String why) {
        return OperatorException.refused("The backup " + file + " is damaged: " + why + ". Nothing was restored",
                "use an intact copy of the backup");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
