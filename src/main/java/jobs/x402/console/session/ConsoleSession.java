package jobs.x402.console.session;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.keys.KeyListing;
import jobs.x402.console.openrouter.OpenRouterClient;
import jobs.x402.console.overview.OverviewService;
import jobs.x402.console.resources.ResourceCatalog;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.target.VariantDetection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one object a face holds while it works on a target: the database session, the audit log, the OpenRouter client
 * (built once, closed with the session) and the environment. Each feature has its API here; the window and the CLI
 * call the same methods, so a behaviour exists once and a face only renders what comes back.
 */
public final class ConsoleSession implements AutoCloseable {
    private final ConsoleEnvironment environment;
    private final DatabaseSession database;
    private final AuditLog audit;
    private final OpenRouterClient openRouter;
    private final MigrationApi migration;
    private final RlsApi rls;
    private final KeysApi keys;
    private final ResourcesApi resources;
    private final OverviewApi overview;

    ConsoleSession(ConsoleEnvironment environment, DatabaseSession database, OpenRouterClient openRouter) {
        this.environment = environment;
        this.database = database;
        this.audit = environment.auditLog();
        this.openRouter = openRouter;
        this.migration = new MigrationApi(this);
        this.rls = new RlsApi(this);
        this.keys = new KeysApi(this);
        this.resources = new ResourcesApi(this);
        this.overview = new OverviewApi(this);
    }

    /** Connects to the target with every feature's entities mapped. */
    public static ConsoleSession open(ConsoleEnvironment environment, ConnectionTarget target,
                                      ProgressListener progress) {
        DatabaseSession database = DatabaseSession.open(target, entityClasses(), progress);
        return new ConsoleSession(environment, database, OpenRouterClient.builder()
                .baseUrl(environment.openRouterBaseUrl()).build());
    }

    /** Each feature lists the entities it maps; add a feature's list here when it arrives. */
    public static List<Class<?>> entityClasses() {
        Set<Class<?>> all = new LinkedHashSet<>(OverviewService.entityClasses());
        all.addAll(KeyListing.entityClasses());
        all.addAll(ResourceCatalog.entityClasses());
        return List.copyOf(all);
    }

    public TargetIdentity identity() {
        return database.identity();
    }

    public ConnectionTarget target() {
        return database.target();
    }

    /** The schema variant in force (a usage error when the target is ambiguous and nobody chose). */
    public SchemaVariant schemaVariant() {
        return database.schemaVariant();
    }

    public VariantDetection variantDetection() {
        return database.variantDetection();
    }

    public ConsoleEnvironment environment() {
        return environment;
    }

    public MigrationApi migration() {
        return migration;
    }

    public RlsApi rls() {
        return rls;
    }

    public KeysApi keys() {
        return keys;
    }

    public ResourcesApi resources() {
        return resources;
    }

    public OverviewApi overview() {
        return overview;
    }

    /** The sandbox this session's home holds (whether or not the session is on it). */
    public SandboxApi sandbox() {
        return new SandboxApi(environment);
    }

    public boolean isClosed() {
        return database.isClosed();
    }

    DatabaseSession database() {
        return database;
    }

    AuditLog audit() {
        return audit;
    }

    /** The session's OpenRouter client, pointed at {@code baseUrl} when given (same pools, nothing to close). */
    OpenRouterClient openRouter(String baseUrl) {
        return baseUrl == null || baseUrl.isBlank() ? openRouter : openRouter.withBaseUrl(baseUrl);
    }

    @Override
    public void close() {
        try {
            openRouter.close();
        } finally {
            database.close();
        }
    }

    @Override
    public String toString() {
        return "ConsoleSession[" + database.identity().bannerLine() + "]";
    }
}
