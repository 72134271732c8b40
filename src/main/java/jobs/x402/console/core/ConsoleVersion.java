package jobs.x402.console.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, written into the jar by Maven resource filtering. */
public final class ConsoleVersion {
    private ConsoleVersion() {
    }

    public static String current() {
        try (InputStream in = ConsoleVersion.class.getResourceAsStream("/jobs/x402/console/version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
