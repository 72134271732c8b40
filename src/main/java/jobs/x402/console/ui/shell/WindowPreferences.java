package jobs.x402.console.ui.shell;

import jobs.x402.console.core.AtomicFiles;
import jobs.x402.console.core.ConsoleHome;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Window size and the last target, remembered between runs in the config directory. A properties file, not JSON:
 * it is read before the first frame, and loading Jackson there costs a few hundred milliseconds.
 *
 * @param lastTarget "sandbox" or a profile name; null on the first run
 * @param dark       the dark theme (View → Dark theme); light by default
 */
public record WindowPreferences(double width, double height, Double x, Double y, boolean maximized,
                                String lastTarget, boolean dark) {
    public static final String SANDBOX = "sandbox";
    private static final String FILE = "window.properties";

    public static WindowPreferences defaults() {
        return new WindowPreferences(1280, 820, null, null, false, null, false);
    }

    public static WindowPreferences load(ConsoleHome home) {
        Path file = home.config(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
            double width = Double.parseDouble(props.getProperty("width", "1280"));
            double height = Double.parseDouble(props.getProperty("height", "820"));
            if (width < 400 || height < 300) {
                return defaults();
            }
            return new WindowPreferences(width, height, optional(props, "x"), optional(props, "y"),
                    Boolean.parseBoolean(props.getProperty("maximized")), props.getProperty("lastTarget"),
                    "dark".equals(props.getProperty("theme")));
        } catch (IOException | NumberFormatException e) {
            LoggerFactory.getLogger(WindowPreferences.class).debug("Ignoring unreadable {}: {}", file, e.getMessage());
            return defaults();
        }
    }

    private static Double optional(Properties props, String key) {
        String value = props.getProperty(key);
        return value == null ? null : Double.valueOf(value);
    }

    public void save(ConsoleHome home) {
        Properties props = new Properties();
        props.setProperty("width", String.valueOf(width));
        props.setProperty("height", String.valueOf(height));
        if (x != null && y != null) {
            props.setProperty("x", String.valueOf(x));
            props.setProperty("y", String.valueOf(y));
        }
        props.setProperty("maximized", String.valueOf(maximized));
        props.setProperty("theme", dark ? "dark" : "light");
        if (lastTarget != null) {
            props.setProperty("lastTarget", lastTarget);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            props.store(bytes, "x402 Operator Console window");
            AtomicFiles.write(home.config(FILE), bytes.toByteArray());
        } catch (IOException e) {
            LoggerFactory.getLogger(WindowPreferences.class).warn("Could not remember the window: {}", e.getMessage());
        }
    }

    public WindowPreferences withLastTarget(String target) {
        return new WindowPreferences(width, height, x, y, maximized, target, dark);
    }

    public WindowPreferences withDark(boolean darkTheme) {
        return new WindowPreferences(width, height, x, y, maximized, lastTarget, darkTheme);
    }
}
