package jobs.x402.console.rls;

import com.fasterxml.jackson.core.type.TypeReference;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Json;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.target.TargetKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lint keys an operator chose to silence, saved per target (host:port/database) in the config directory: a
 * service-only table's rls_enabled_no_policy is intended on one project and a bug on another.
 */
public final class LintSuppressions {
    private static final TypeReference<TreeMap<String, TreeSet<String>>> SHAPE = new TypeReference<>() {
    };

    private final Path file;

    public LintSuppressions(Path file) {
        this.file = file;
    }

    public static LintSuppressions in(ConsoleHome home) {
        return new LintSuppressions(home.config("rls-suppressions.json"));
    }

    public Path file() {
        return file;
    }

    /** The key a target's suppressions are filed under; the sandbox's port changes, so it is named by kind. */
    public static String targetKey(TargetIdentity identity) {
        if (identity.kind() == TargetKind.SANDBOX) {
            return "sandbox/" + identity.database();
        }
        return identity.host().toLowerCase(Locale.ROOT) + ":" + identity.port() + "/" + identity.database();
    }

    public Set<String> keys(TargetIdentity identity) {
        return Set.copyOf(load().getOrDefault(targetKey(identity), new TreeSet<>()));
    }

    public synchronized void suppress(TargetIdentity identity, String key) {
        TreeMap<String, TreeSet<String>> all = load();
        all.computeIfAbsent(targetKey(identity), k -> new TreeSet<>()).add(key);
        save(all);
    }

    /** @return whether the key was suppressed before */
    public synchronized boolean unsuppress(TargetIdentity identity, String key) {
        TreeMap<String, TreeSet<String>> all = load();
        TreeSet<String> keys = all.get(targetKey(identity));
        boolean removed = keys != null && keys.remove(key);
        if (keys != null && keys.isEmpty()) {
            all.remove(targetKey(identity));
        }
        save(all);
        return removed;
    }

    /**
     * Marks the findings whose key this target suppresses. A suppression saved under a finding's former key (the
     * console's keys before they matched splinter's cache_key) is moved to the current key, once.
     */
    public synchronized List<LintFinding> apply(TargetIdentity identity, List<LintFinding> findings) {
        TreeMap<String, TreeSet<String>> all = load();
        TreeSet<String> keys = all.getOrDefault(targetKey(identity), new TreeSet<>());
        boolean moved = false;
        for (LintFinding f : findings) {
            if (f.formerKey() != null && keys.remove(f.formerKey())) {
                keys.add(f.key());
                moved = true;
            }
        }
        if (moved) {
            all.put(targetKey(identity), keys);
            save(all);
        }
        return findings.stream().map(f -> f.withSuppressed(keys.contains(f.key()))).toList();
    }

    /**
     * Reads a list of keys another tool (or another target) exported: one cache_key per line (# starts a comment),
     * or JSON: an array of keys, an array of lint rows with a cache_key field (splinter's own output), or an object
     * holding such an array (e.g. {"lints": [...]}, as Supabase's advisors API returns them).
     */
    public static List<String> readKeyList(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String trimmed = text.strip();
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            try {
                collectKeys(Json.mapper().readTree(trimmed), keys);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage());
            }
        } else {
            trimmed.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(keys::add);
        }
        return List.copyOf(keys);
    }

    private static void collectKeys(com.fasterxml.jackson.databind.JsonNode node, Set<String> keys) {
        if (node.isTextual()) {
            keys.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> collectKeys(n, keys));
        } else if (node.isObject()) {
            if (node.hasNonNull("cache_key")) {
                keys.add(node.get("cache_key").asText());
            } else {
                node.forEach(n -> {
                    if (n.isArray() || n.isObject()) {
                        collectKeys(n, keys);
                    }
                });
            }
        }
    }

    private TreeMap<String, TreeSet<String>> load() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            TreeMap<String, TreeSet<String>> map = Json.mapper().readValue(file.toFile(), SHAPE);
            return map == null ? new TreeMap<>() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lint suppressions " + file
                    + " (fix or delete the file)", e);
        }
    }

    private void save(Map<String, TreeSet<String>> all) {
        try {
            AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
