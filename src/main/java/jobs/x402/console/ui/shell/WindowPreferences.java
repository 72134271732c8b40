package jobs.x402.console.ui.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import jobs.x402.console.core.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Window size and the last target, remembered between runs in the config directory.
 *
 * @param lastTarget "sandbox" or a profile name; null on the first run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowPreferences(double width, double height, Double x, Double y, boolean maximized,
                                String lastTarget) {
    private static final Logger log = LoggerFactory.getLogger(WindowPreferences.class);
    public static final String SANDBOX = "sandbox";
    private static final String FILE = "window.json";

    public static WindowPreferences defaults() {
        return new WindowPreferences(1280, 820, null, null, false, null);
    }

    public static WindowPreferences load(ConsoleHome home) {
        Path file = home.config(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            WindowPreferences read = Json.mapper().readValue(file.toFile(), WindowPreferences.class);
            return read.width() < 400 || read.height() < 300 ? defaults() : read;
        } catch (IOException e) {
            log.debug("Ignoring unreadable {}: {}", file, e.getMessage());
            return defaults();
        }
    }

    public void save(ConsoleHome home) {
        try {
            AtomicFiles.write(home.config(FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            log.warn("Could not remember the window: {}", e.getMessage());
        }
    }

    public WindowPreferences withLastTarget(String target) {
        return new WindowPreferences(width, height, x, y, maximized, target);
    }
}
