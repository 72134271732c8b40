package jobs.x402.console.db;

import jobs.x402.console.target.VariantDetection;
import jobs.x402.console.target.TargetIdentity;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.PoolerMode;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.target.ConnectionProfile;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * An open connection to one target: its identity, a small HikariCP pool for catalog SQL, and a Hibernate
 * SessionFactory over the same pool for the domain tables, booted in the background because it takes seconds.
 */
public final class DatabaseSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseSession.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final ConnectionTarget target;
    private final TargetIdentity identity;
    private final VariantDetection variant;
    private final HikariDataSource pool;
    private final CompletableFuture<SessionFactory> sessionFactory;

    private DatabaseSession(ConnectionTarget target, TargetIdentity identity, VariantDetection variant,
                            HikariDataSource pool, Collection<Class<?>> entityClasses) {
        this.target = target;
        this.identity = identity;
        this.variant = variant;
        this.pool = pool;
        List<Class<?>> entities = List.copyOf(entityClasses);
        // an ambiguous target maps the specification's names; every feature asks require() before it reads them
        SchemaVariant mapped = variant.ambiguous() ? SchemaVariant.SEED : variant.variant();
        this.sessionFactory = CompletableFuture.supplyAsync(() -> buildSessionFactory(pool, entities, identity,
                        mapped),
                runnable -> {
                    Thread thread = new Thread(runnable, "hibernate-boot");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    /**
     * Connects once directly (so a failure is explained precisely), reads the identity, then opens the pool.
     */
    public static DatabaseSession open(ConnectionTarget target, Collection<Class<?>> entityClasses,
                                       ProgressListener progress) {
        ConnectionProfile profile = target.profile();
        target.refuseCleartextPasswordUnlessAllowed();
        progress.progress(1, 4, "Connecting to " + profile.user() + "@" + profile.address());
        TargetIdentity identity;
        VariantDetection variant;
        try (Connection probe = DriverManager.getConnection(profile.jdbcUrl(), connectionProperties(target))) {
            progress.checkCancelled();
            progress.progress(2, 4, "Reading the target's identity");
            identity = readIdentity(probe, target);
            variant = VariantDetector.detect(probe, profile.schemaVariant());
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, profile);
        }
        progress.checkCancelled();
        progress.progress(3, 4, "Opening the connection pool");
        HikariConfig config = new HikariConfig();
        config.setPoolName("x402-" + profile.host());
        config.setJdbcUrl(profile.jdbcUrl());
        config.setDataSourceProperties(connectionProperties(target));
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        progress.progress(4, 4, "Connected: " + identity.bannerLine());
        log.info("Connected to {}", identity.bannerLine());
        return new DatabaseSession(target, identity, variant, pool, entityClasses);
    }

    /** Connects once, reads who and where the target is, disconnects: {@code db ping}. */
    public static TargetIdentity probe(ConnectionTarget target) {
        ConnectionProfile profile = target.profile();
        target.refuseCleartextPasswordUnlessAllowed();
        try (Connection probe = DriverManager.getConnection(profile.jdbcUrl(), connectionProperties(target))) {
            return readIdentity(probe, target);
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, profile);
        }
    }

    static Properties connectionProperties(ConnectionTarget target) {
        Properties props = new Properties();
        props.setProperty("user", target.profile().user());
        if (target.password() != null && !target.password().isCleared()) {
            props.setProperty("password", target.password().reveal());
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", "0");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "x402-operator-console");
        if (target.profile().poolerMode() == PoolerMode.TRANSACTION_POOLER) {
            props.setProperty("prepareThreshold", "0"); // the transaction pooler cannot keep prepared statements
        }
        return props;
    }

    static TargetIdentity readIdentity(Connection connection, ConnectionTarget target) throws SQLException {
        ConnectionProfile profile = target.profile();
        String sql = """
                select current_user, current_database(), current_setting('server_version'),
                       current_setting('server_version_num')::int,
                       coalesce(r.rolsuper, false), coalesce(r.rolbypassrls, false),
                       coalesce((select s.ssl from pg_stat_ssl s where s.pid = pg_backend_pid()), false)
                from (select 1) one left join pg_roles r on r.rolname = current_user""";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String version = rs.getString(3);
            int space = version.indexOf(' ');
            return new TargetIdentity(target.kind(), profile.host(), profile.port(), rs.getString(2), rs.getString(1),
                    space > 0 ? version.substring(0, space) : version, rs.getInt(4), rs.getBoolean(5),
                    rs.getBoolean(6), rs.getBoolean(7), profile.effectiveSslMode(), profile.poolerMode(),
                    profile.name());
        }
    }

    private static SessionFactory buildSessionFactory(DataSource dataSource, List<Class<?>> entities,
                                                      TargetIdentity identity, SchemaVariant variant) {
        long start = System.nanoTime();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                // the identity already tells the version: booting without a metadata round trip is faster and
                // never races a pool that is closed while Hibernate still starts
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .applySetting(AvailableSettings.DIALECT, "org.hibernate.dialect.PostgreSQLDialect")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_VERSION, identity.serverVersion())
                .applySetting(AvailableSettings.SHOW_SQL, false)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 500)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                // entities name the specification's tables; the target's variant may call them otherwise
                .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new VariantTableNames(variant))
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            SessionFactory factory = sources.buildMetadata().buildSessionFactory();
            log.info("Hibernate ready in {} ms with {} entities", (System.nanoTime() - start) / 1_000_000,
                    entities.size());
            return factory;
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    public ConnectionTarget target() {
        return target;
    }

    public TargetIdentity identity() {
        return identity;
    }

    /** Which shape of migration 005 this target has, and why (read when the session opened). */
    public VariantDetection variantDetection() {
        return variant;
    }

    /** The target's schema variant; a usage error when it is ambiguous and the operator did not choose one. */
    public SchemaVariant schemaVariant() {
        return variant.require();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A pooled connection for catalog SQL; the caller closes it. */
    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, target.profile());
        }
    }

    /** Opens a dedicated connection outside the pool: for work that must own its session (locks, long transactions). */
    public Connection dedicatedConnection() {
        try {
            return DriverManager.getConnection(target.profile().jdbcUrl(), connectionProperties(target));
        } catch (SQLException e) {
            throw ConnectionFailures.explain(e, target.profile());
        }
    }

    /** Blocks until Hibernate has booted; never call this on the FX thread. */
    public SessionFactory sessionFactory() {
        try {
            return sessionFactory.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new jobs.x402.console.core.OperationCancelledException();
        } catch (ExecutionException e) {
            throw OperatorException.failure("Hibernate could not start on " + identity.bannerLine() + ": "
                    + e.getCause().getMessage(), "see the log file for details", e.getCause());
        }
    }

    /** Runs work in one read-write transaction on a Hibernate session. */
    public <T> T inTransaction(Function<org.hibernate.Session, T> work) {
        return sessionFactory().fromTransaction(work);
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public void close() {
        sessionFactory.thenAccept(SessionFactory::close);
        pool.close();
        if (target.password() != null) {
            target.password().clear();
        }
    }
}
