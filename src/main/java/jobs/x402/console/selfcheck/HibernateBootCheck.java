package jobs.x402.console.selfcheck;

import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;

/**
 * Hibernate boots the console's entity model without a database: mapping, dialect, and the bytecode proxies that
 * need java.instrument and jdk.unsupported in the runtime image. No connection is opened.
 */
final class HibernateBootCheck implements StartupCheck {
    private final List<Class<?>> entityClasses;

    HibernateBootCheck(List<Class<?>> entityClasses) {
        this.entityClasses = List.copyOf(entityClasses);
    }

    @Override
    public String name() {
        return "hibernate";
    }

    @Override
    public String description() {
        return "Hibernate maps the entities and builds a session factory (no database)";
    }

    @Override
    public String run() {
        // a data source that is never asked for a connection: without one the bundled HikariCP provider refuses
        PGSimpleDataSource unused = new PGSimpleDataSource();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, unused)
                .applySetting(AvailableSettings.DIALECT, "org.hibernate.dialect.PostgreSQLDialect")
                .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_VERSION, "17")
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entityClasses.forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            int entities = metadata.getEntityBindings().size();
            if (entities != entityClasses.size()) {
                throw new IllegalStateException("Hibernate mapped " + entities + " of " + entityClasses.size()
                        + " entities");
            }
            try (SessionFactory factory = metadata.buildSessionFactory()) {
                return "Hibernate " + org.hibernate.Version.getVersionString() + ": " + entities
                        + " entities mapped, session factory built (" + factory.getClass().getSimpleName() + ")";
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }
}
