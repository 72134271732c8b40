package jobs.x402.console.testing;

import jobs.x402.console.core.Secret;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.core.ProgressListener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A test class's own database, cloned from the baseline template; handed to tests by {@link DatabaseExtension}. */
public final class TestDatabase {
    private final ConnectionTarget target;
    private final SchemaVariant variant;

    TestDatabase(ConnectionTarget target, SchemaVariant variant) {
        this.target = target;
        this.variant = variant;
    }

    /** For benchmarks outside JUnit: wraps a database from {@link TestPostgres#freshDatabase}. */
    public static TestDatabase of(ConnectionTarget target) {
        return new TestDatabase(target, SchemaVariant.SEED);
    }

    public static TestDatabase of(ConnectionTarget target, SchemaVariant variant) {
        return new TestDatabase(target, variant);
    }

    /** The schema variant of the baseline this database was cloned from. */
    public SchemaVariant variant() {
        return variant;
    }

    /** A new target object each time, because sessions clear their password when closed. */
    public ConnectionTarget target() {
        Secret password = target.password() == null ? null : Secret.of(target.password().chars());
        return new ConnectionTarget(target.profile(), target.kind(), password);
    }

    public String name() {
        return target.profile().database();
    }

    public int port() {
        return target.profile().port();
    }

    public String jdbcUrl() {
        return target.profile().jdbcUrl();
    }

    /** A plain JDBC connection as the operator (non-superuser postgres, as on Supabase). */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.profile().user());
        if (target.password() != null) {
            props.setProperty("password", target.password().reveal());
        }
        return DriverManager.getConnection(target.profile().jdbcUrl(), props);
    }

    /** A connection as the cluster's superuser: only for setup a Supabase operator could not do either. */
    public Connection connectAsAdmin() throws SQLException {
        return TestPostgres.get().adminConnection(name());
    }

    /** The console session a face holds, on this database, with the files in {@code home}. */
    public ConsoleSession openConsoleSession(jobs.x402.console.core.ConsoleHome home) {
        return ConsoleSession.open(new jobs.x402.console.session.ConsoleEnvironment(home, java.util.Map.of()), target(),
                ProgressListener.NONE);
    }

    /** A full console session (pool + Hibernate) with every feature's entities. */
    public DatabaseSession openSession() {
        return jobs.x402.console.db.DatabaseSession.open(target(), ConsoleSession.entityClasses(), ProgressListener.NONE);
    }
}
