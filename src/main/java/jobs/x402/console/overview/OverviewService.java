package jobs.x402.console.overview;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.resources.AiModel;
import jobs.x402.console.resources.X402Resource;
import jobs.x402.console.resources.X402Server;
import jobs.x402.console.users.AuthUser;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
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
        progress.progress(0, 3, "Checking the prerequisites of migration 005");
        List<Prerequisite> prerequisites = readPrerequisites();
        boolean hasUsers = isPresent(prerequisites, "auth.users");
        boolean hasModels = isPresent(prerequisites, "public.ai_models");
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
                    resources, byType, prerequisites);
        });
    }

    /** Entity classes this feature reads; the session connector registers them with Hibernate. */
    public static List<Class<?>> entityClasses() {
        return List.of(AuthUser.class, AiModel.class, X402Server.class, X402Resource.class);
    }

    private static boolean isPresent(List<Prerequisite> prerequisites, String name) {
        return prerequisites.stream().anyMatch(p -> p.name().equals(name) && p.present());
    }

    private List<Prerequisite> readPrerequisites() {
        String sql = """
                select to_regclass('auth.users') is not null,
                       to_regprocedure('auth.uid()') is not null,
                       to_regclass('public.ai_models') is not null,
                       to_regclass('public.x402_resources') is not null,
                       to_regclass('public.x402_servers') is not null,
                       exists (select 1 from pg_roles where rolname = 'anon'),
                       exists (select 1 from pg_roles where rolname = 'authenticated'),
                       exists (select 1 from pg_roles where rolname = 'service_role'),
                       to_regnamespace('auth') is not null""";
        try (Connection connection = session.connection(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<Prerequisite> list = new ArrayList<>();
            list.add(new Prerequisite("auth.users", "table", rs.getBoolean(1),
                    "user_openrouter_integrations.user_id references it"));
            list.add(new Prerequisite("auth.uid()", "function", rs.getBoolean(2),
                    "the RLS policies compare user_id with the signed-in user"));
            list.add(new Prerequisite("public.ai_models", "table", rs.getBoolean(3),
                    "x402_resources.openrouter_model_id references it"));
            list.add(new Prerequisite("public.x402_resources", "table", rs.getBoolean(4),
                    "005 adds its model reference, config and the new resource type"));
            list.add(new Prerequisite("public.x402_servers", "table", rs.getBoolean(5),
                    "its registered_by is the creator whose key runs a resource"));
            list.add(new Prerequisite("anon", "role", rs.getBoolean(6), "the API role for visitors"));
            list.add(new Prerequisite("authenticated", "role", rs.getBoolean(7),
                    "the API role the policies are granted to"));
            list.add(new Prerequisite("service_role", "role", rs.getBoolean(8),
                    "the backend's role; bypasses RLS"));
            return list;
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the catalog failed on " + session.identity().bannerLine()
                    + ": " + e.getMessage(), "check that the role may read pg_catalog", e);
        }
    }
}
