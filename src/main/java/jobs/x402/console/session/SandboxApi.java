package jobs.x402.console.session;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.db.SandboxBaseline;
import jobs.x402.console.db.SandboxServer;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.SandboxStatus;
import jobs.x402.console.target.SchemaVariant;

/** The embedded sandbox of one console home: status, start, stop, reset, and opening a session on it. */
public final class SandboxApi {
    private final ConsoleEnvironment environment;
    private final SandboxServer server;

    SandboxApi(ConsoleEnvironment environment) {
        this.environment = environment;
        this.server = SandboxServer.in(environment.home());
    }

    public static SandboxApi of(ConsoleEnvironment environment) {
        return new SandboxApi(environment);
    }

    public SandboxStatus status() {
        return server.status();
    }

    public SandboxStatus start(ProgressListener progress) {
        return server.start(progress);
    }

    public SandboxStatus stop(ProgressListener progress) {
        return server.stop(progress);
    }

    /** Where the sandbox keeps its data (what a reset deletes). */
    public java.nio.file.Path dataDirectory() {
        return server.dataDirectory();
    }

    /**
     * Deletes everything in the sandbox and builds it again with the chosen schema variant (and demo data);
     * refused without a confirmation, recorded in the audit log.
     */
    public SandboxStatus reset(boolean withDemoData, SchemaVariant variant, Confirmation confirmation,
                               ProgressListener progress) {
        if (!confirmation.yes()) {
            throw OperatorException.refused("Reset deletes every row and change in the sandbox at "
                    + server.dataDirectory(), "confirm the reset").withAction(RemedyAction.CONFIRM);
        }
        SchemaVariant chosen = variant == null ? SchemaVariant.SEED : variant;
        SandboxStatus status = server.reset(withDemoData, chosen, progress);
        environment.auditLog().append(jobs.x402.console.db.SandboxBaseline.OPERATOR_ROLE, "sandbox", "sandbox.reset",
                status.dataDirectory().toString(), "ok", java.util.Map.of("demoData", withDemoData, "schemaVariant",
                        chosen.label()));
        return status;
    }

    /** The target of the running sandbox (an unreachable error naming the fix when it is not running). */
    public ConnectionTarget target() {
        return server.target();
    }

    /** Starts the sandbox when it is not running, then connects: the window's "Open sandbox" and the CLI default. */
    public ConsoleSession open(ProgressListener progress) {
        return ConsoleSession.open(environment, startedTarget(null, progress), progress);
    }

    /**
     * Installs the Supabase-faithful baseline on a database that is not the sandbox (a stock PostgreSQL for tests):
     * refused unless it is empty and {@code typedDatabase} names it; recorded in the audit log.
     */
    public void installBaseline(ConnectionTarget target, Confirmation typedDatabase, boolean withDemoData) {
        SandboxBaseline.installOnOperatorRequest(target, typedDatabase.typedDatabase(), withDemoData);
        environment.auditLog().append(target.profile().user(), target.profile().address(), "sandbox.install-baseline",
                target.profile().database(), "ok", java.util.Map.of("demoData", withDemoData));
    }

    /** Starts the sandbox if needed and gives its target, with {@code variant} chosen when not null. */
    public ConnectionTarget startedTarget(SchemaVariant variant, ProgressListener progress) {
        if (!server.status().running()) {
            progress.step("Starting the sandbox");
            server.start(progress);
        }
        ConnectionTarget target = server.target();
        return variant == null ? target : ConnectionTarget.sandbox(target.profile().withSchemaVariant(variant));
    }
}
