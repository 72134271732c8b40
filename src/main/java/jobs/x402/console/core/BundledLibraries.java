package jobs.x402.console.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The libraries this build bundles and their licences, for the About box. The list of libraries is the build's
 * own runtime dependency list (written by maven-dependency-plugin); the licences come from a curated file that a
 * test keeps in step with that list.
 */
public final class BundledLibraries {
    static final String DEPENDENCY_LIST = "/jobs/x402/console/about/bundled-libraries.txt";
    static final String LICENCES = "/jobs/x402/console/about/bundled-licences.properties";
    static final String UNKNOWN_LICENCE = "unknown";
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "system", "test");

    /** One bundled artifact; platform-specific classifiers of the same artifact count once. */
    public record Library(String groupId, String artifactId, String version, String licence) {
        public String key() {
            return groupId + "/" + artifactId;
        }
    }

    private BundledLibraries() {
    }

    public static List<Library> list() {
        Properties licences = licences();
        List<Library> libraries = new ArrayList<>();
        for (Map.Entry<String, String> artifact : dependencyList().entrySet()) {
            String[] coordinates = artifact.getKey().split("/", 2);
            libraries.add(new Library(coordinates[0], coordinates[1], artifact.getValue(),
                    licences.getProperty(artifact.getKey(), UNKNOWN_LICENCE)));
        }
        return libraries;
    }

    /** groupId/artifactId → version, as the build resolved them; empty when running from an IDE without Maven. */
    static Map<String, String> dependencyList() {
        Map<String, String> artifacts = new LinkedHashMap<>();
        try (InputStream in = BundledLibraries.class.getResourceAsStream(DEPENDENCY_LIST)) {
            if (in == null) {
                return artifacts;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                parseCoordinates(line).ifPresent(c -> artifacts.putIfAbsent(c[0] + "/" + c[1], c[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEPENDENCY_LIST, e);
        }
        return artifacts;
    }

    /**
     * One line of {@code dependency:list}: {@code group:artifact:type[:classifier]:version[:scope] -- module …},
     * possibly coloured. Returns group, artifact, version.
     */
    static Optional<String[]> parseCoordinates(String line) {
        String text = ANSI_COLOUR.matcher(line).replaceAll("").trim();
        int moduleNote = text.indexOf(" -- ");
        if (moduleNote >= 0) {
            text = text.substring(0, moduleNote).trim();
        }
        String[] parts = text.split(":");
        if (parts.length < 4 || text.contains(" ")) {
            return Optional.empty();
        }
        int last = parts.length - 1;
        if (SCOPES.contains(parts[last])) {
            last--;
        }
        return Optional.of(new String[] {parts[0], parts[1], parts[last]});
    }

    static Properties licences() {
        Properties licences = new Properties();
        try (InputStream in = BundledLibraries.class.getResourceAsStream(LICENCES)) {
            if (in != null) {
                licences.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LICENCES, e);
        }
        return licences;
    }
}
