package jobs.x402.console.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the operator's files live: {@code X402_CONSOLE_HOME} if set (config/ and data/ below it), otherwise the
 * platform's directories (XDG on Linux, Application Support on macOS, AppData on Windows).
 */
public record ConsoleHome(Path configDir, Path dataDir) {
    public static final String HOME_VARIABLE = "X402_CONSOLE_HOME";
    private static final String APP_DIR = "x402-console";

    public static ConsoleHome fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name"));
    }

    public static ConsoleHome fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, System.getProperty("user.home"), System.getProperty("os.name"));
    }

    static ConsoleHome fromEnvironment(Map<String, String> env, String userHome, String osName) {
        String explicit = env.get(HOME_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            Path home = Path.of(explicit).toAbsolutePath();
            return new ConsoleHome(home.resolve("config"), home.resolve("data"));
        }
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Path user = Path.of(userHome);
        if (os.contains("win")) {
            Path roaming = pathOr(env.get("APPDATA"), user.resolve("AppData/Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), user.resolve("AppData/Local"));
            return new ConsoleHome(roaming.resolve(APP_DIR), local.resolve(APP_DIR));
        }
        if (os.contains("mac")) {
            Path support = user.resolve("Library/Application Support").resolve(APP_DIR);
            return new ConsoleHome(support.resolve("config"), support.resolve("data"));
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), user.resolve(".config"));
        Path data = pathOr(env.get("XDG_DATA_HOME"), user.resolve(".local/share"));
        return new ConsoleHome(config.resolve(APP_DIR), data.resolve(APP_DIR));
    }

    private static Path pathOr(String value, Path fallback) {
        // XDG says relative values are invalid and must be ignored
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }

    public Path config(String fileName) {
        return ensure(configDir).resolve(fileName);
    }

    public Path data(String name) {
        return ensure(dataDir).resolve(name);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static Path ensure(Path dir) {
        PrivateFiles.ensureDirectory(dir);
        return dir;
    }
}
