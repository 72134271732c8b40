package jobs.x402.console.target;

import java.nio.file.Path;

/** What the embedded sandbox server is doing: whether it exists and runs, where, and whether this process started it. */
public record SandboxStatus(boolean initialized, boolean running, long pid, int port, String host, String database,
                            String user, String jdbcUrl, Path dataDirectory, boolean startedByThisProcess) {
}
