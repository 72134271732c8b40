package jobs.x402.console.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What was built, from which commit, and when: written into the jar by Maven resource filtering. A build from a
 * source tarball (no git) says so in {@link #commit()} instead of leaving it blank.
 */
public record BuildInfo(String version, String commit, String buildDate) {
    static final String RESOURCE = "/jobs/x402/console/version.properties";
    private static final String UNKNOWN = "unknown";

    public static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo("development", UNKNOWN, UNKNOWN);
            }
            Properties props = new Properties();
            props.load(in);
            return new BuildInfo(filtered(props, "version", "development"), filtered(props, "commit", UNKNOWN),
                    filtered(props, "buildDate", UNKNOWN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** An unfiltered placeholder (an IDE build that skipped Maven's filtering) counts as unknown. */
    private static String filtered(Properties props, String key, String fallback) {
        String value = props.getProperty(key, "").trim();
        return value.isEmpty() || value.startsWith("${") ? fallback : value;
    }
}
