package jobs.x402.console.session;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.KeyListing;
import jobs.x402.console.overview.OverviewService;
import jobs.x402.console.resources.ResourceCatalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens a {@link DatabaseSession} with every feature's entities registered: the one place that knows all features,
 * so the window and the CLI connect the same way.
 */
public final class TargetConnector {

    private TargetConnector() {
    }

    /** Each feature lists the entities it maps; add a feature's list here when it arrives. */
    public static List<Class<?>> entityClasses() {
        Set<Class<?>> all = new LinkedHashSet<>(OverviewService.entityClasses());
        all.addAll(KeyListing.entityClasses());
        all.addAll(ResourceCatalog.entityClasses());
        return List.copyOf(all);
    }

    public static DatabaseSession open(ConnectionTarget target, ProgressListener progress) {
        return DatabaseSession.open(target, entityClasses(), progress);
    }
}
