package jobs.x402.console.overview;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.target.SchemaVariant;
import jobs.x402.console.target.VariantDetection;
import jobs.x402.console.migration.MigrationStatus;
import jobs.x402.console.migration.MigrationStatusReport;
import jobs.x402.console.resources.AiModel;
import jobs.x402.console.resources.X402Resource;
import jobs.x402.console.resources.X402Server;
import jobs.x402.console.users.AuthUser;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the Overview: catalog checks in plain SQL, domain counts through Hibernate. */
public final class OverviewService {
    private final DatabaseSession session;

    public OverviewService(DatabaseSession session) {
        this.session = session;
    }

    public OverviewReport read(ProgressListener progress) {
        progress.progress(0, 3, "Reading migration 005's state and prerequisites");
        VariantDetection variant = session.variantDetection();
        // an ambiguous target still gets its counts; the migration's state waits for the operator's choice
        SchemaVariant catalogVariant = variant.ambiguous() ? SchemaVariant.SEED : variant.variant();
        MigrationStatusReport migration = variant.ambiguous() ? null : readMigration(variant.variant());
        List<Prerequisite> prerequisites = (migration != null ? migration.prerequisites()
                : readPrerequisites(catalogVariant)).stream()
                .map(p -> new Prerequisite(p.name(), p.kind(), p.present(), p.why())).toList();
        boolean hasUsers = isPresent(prerequisites, "auth.users");
        boolean hasModels = isPresent(prerequisites, catalogVariant.qualifiedModelCatalog());
        boolean hasResources = isPresent(prerequisites, "public.x402_resources");
        boolean hasServers = isPresent(prerequisites, "public.x402_servers");
        progress.checkCancelled();
        progress.progress(1, 3, "Counting users, models, servers and resources");
        return session.sessionFactory().fromStatelessTransaction(s -> {
            Long users = hasUsers ? s.createSelectionQuery("select count(u) from AuthUser u", Long.class)
                    .getSingleResult() : null;
            Long models = null;
            Long activeModels = null;
            if (hasModels) {
                models = s.createSelectionQuery("select count(m) from AiModel m", Long.class).getSingleResult();
                activeModels = s.createSelectionQuery("select count(m) from AiModel m where m.active = true",
                        Long.class).getSingleResult();
            }
            Long servers = hasServers ? s.createSelectionQuery("select count(v) from X402Server v", Long.class)
                    .getSingleResult() : null;
            Map<String, Long> byType = new LinkedHashMap<>();
            Long resources = null;
            if (hasResources) {
                List<Object[]> rows = s.createSelectionQuery(
                        "select r.resourceType, count(r) from X402Resource r group by r.resourceType"
                                + " order by count(r) desc, r.resourceType", Object[].class).getResultList();
                long total = 0;
                for (Object[] row : rows) {
                    byType.put((String) row[0], (Long) row[1]);
                    total += (Long) row[1];
                }
                resources = total;
            }
            progress.progress(3, 3, "Overview read");
            return new OverviewReport(Instant.now(), session.identity(), users, models, activeModels, servers,
                    resources, byType, prerequisites, migration, variant);
        });
    }

    /** Entity classes this feature reads; the session connector registers them with Hibernate. */
    public static List<Class<?>> entityClasses() {
        return List.of(AuthUser.class, AiModel.class, X402Server.class, X402Resource.class);
    }

    private static boolean isPresent(List<Prerequisite> prerequisites, String name) {
        return prerequisites.stream().anyMatch(p -> p.name().equals(name) && p.present());
    }

    private List<jobs.x402.console.migration.MigrationPrerequisite> readPrerequisites(SchemaVariant variant) {
        try (Connection connection = session.connection()) {
            return MigrationStatus.prerequisites(connection, variant);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the catalog failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may read pg_catalog", e);
        }
    }

    private MigrationStatusReport readMigration(SchemaVariant variant) {
        try (Connection connection = session.connection()) {
            return MigrationStatus.read(connection, variant);
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the catalog failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may read pg_catalog", e);
        }
    }
}
