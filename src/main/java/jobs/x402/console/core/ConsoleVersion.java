package jobs.x402.console.core;

/** The build's version, written into the jar by Maven resource filtering (see {@link BuildInfo}). */
public final class ConsoleVersion {
    private ConsoleVersion() {
    }

    public static String current() {
        return BuildInfo.current().version();
    }
}
