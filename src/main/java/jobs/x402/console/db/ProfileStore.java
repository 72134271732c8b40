package jobs.x402.console.db;

import jobs.x402.console.target.ConnectionProfile;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Json;
import jobs.x402.console.core.OperatorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Connection profiles in the user's config directory ({@code profiles.json}); passwords are never part of them. */
public final class ProfileStore {
    private final Path file;
    private final ObjectMapper mapper = Json.mapper();

    public ProfileStore(Path file) {
        this.file = file;
    }

    public static ProfileStore in(ConsoleHome home) {
        return new ProfileStore(home.config("profiles.json"));
    }

    public synchronized List<ConnectionProfile> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<ConnectionProfile> profiles = mapper.readValue(file.toFile(), new TypeReference<>() {
            });
            profiles.sort(Comparator.comparing(ConnectionProfile::name, String.CASE_INSENSITIVE_ORDER));
            return List.copyOf(profiles);
        } catch (IOException e) {
            throw OperatorException.failure("The profile file " + file + " cannot be read",
                    "fix or remove it; the console never writes a half file, so it was edited by hand", e);
        }
    }

    public Optional<ConnectionProfile> find(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public ConnectionProfile require(String name) {
        return find(name).orElseThrow(() -> OperatorException.usage("No connection profile named '" + name + "'",
                "list them with 'profiles list' or create one with 'profiles add'"));
    }

    public synchronized void save(ConnectionProfile profile) {
        if (profile.name() == null || profile.name().isBlank()) {
            throw OperatorException.usage("A profile needs a name", "give it one, e.g. 'production'");
        }
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        profiles.removeIf(p -> p.name().equals(profile.name()));
        profiles.add(profile);
        write(profiles);
    }

    public synchronized boolean remove(String name) {
        List<ConnectionProfile> profiles = new ArrayList<>(list());
        boolean removed = profiles.removeIf(p -> p.name().equals(name));
        if (removed) {
            write(profiles);
        }
        return removed;
    }

    private void write(List<ConnectionProfile> profiles) {
        try {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(profiles));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
