package jobs.x402.console.session;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.overview.OverviewReport;
import jobs.x402.console.overview.OverviewService;

/** The target at a glance: prerequisites, migration state, keys, resources. */
public final class OverviewApi {
    private final ConsoleSession session;

    OverviewApi(ConsoleSession session) {
        this.session = session;
    }

    public OverviewReport read(ProgressListener progress) {
        return new OverviewService(session.database()).read(progress);
    }
}
