package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What rolling migration 005 back would destroy, and what makes it impossible. Listed rows are capped at
 * {@link #LISTED}; the counts are always complete. Keys are described by owner only, never by value.
 *
 * @param keyTable            the key table as the target's schema variant names it
 * @param keyRows             rows of the key table (encrypted keys that will be dropped)
 * @param resourcesWithValues resources whose openrouter_model_id or openrouter_config will be dropped
 * @param blockingResources   resources of type openrouter_instant: restoring the five-value check fails while any
 *                            exists, so rollback refuses until they are changed or removed
 */
public record RollbackImpact(String keyTable, long keyRows, List<KeyOwner> keys, long resourcesWithValues,
                             List<ResourceRow> resources, long blockingCount, List<ResourceRow> blockingResources) {
    public static final int LISTED = 500;

    public record KeyOwner(String userId, String email, Boolean enabled, Boolean valid) {
    }

    public record ResourceRow(String id, String slug, String name, String resourceType, boolean hasModel,
                              boolean hasConfig) {
        public String describe() {
            return (slug == null ? id : slug + " (" + id + ")") + " — " + name + " [" + resourceType + "]";
        }
    }

    public boolean blocked() {
        return blockingCount > 0;
    }

    public boolean destroysData() {
        return keyRows > 0 || resourcesWithValues > 0;
    }

    /** Reads the impact; call it only where 005's objects exist. */
    public static RollbackImpact read(Connection connection, SchemaVariant variant) throws SQLException {
        List<KeyOwner> keys = new ArrayList<>();
        long keyRows = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select i.user_id::text, u.email, i.is_enabled, i.is_valid, count(*) over ()"
                        + " from " + variant.qualifiedKeyTable() + " i left join auth.users u on u.id = i.user_id"
                        + " order by u.email nulls last, i.user_id limit " + LISTED)) {
            while (rs.next()) {
                keys.add(new KeyOwner(rs.getString(1), rs.getString(2), (Boolean) rs.getObject(3),
                        (Boolean) rs.getObject(4)));
                keyRows = rs.getLong(5);
            }
        }
        List<ResourceRow> resources = resources(connection,
                "openrouter_model_id is not null or openrouter_config is not null");
        List<ResourceRow> blocking = resources(connection, "resource_type = 'openrouter_instant'");
        long withValues;
        long blockingCount;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*) filter (where openrouter_model_id is not null or openrouter_config is not null),"
                        + " count(*) filter (where resource_type = 'openrouter_instant') from public.x402_resources")) {
            rs.next();
            withValues = rs.getLong(1);
            blockingCount = rs.getLong(2);
        }
        return new RollbackImpact(variant.keyTable(), keyRows, List.copyOf(keys), withValues, resources,
                blockingCount, blocking);
    }

    private static List<ResourceRow> resources(Connection connection, String condition) throws SQLException {
        List<ResourceRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select id::text, slug, name, resource_type, openrouter_model_id is not null,"
                        + " openrouter_config is not null from public.x402_resources where " + condition
                        + " order by slug nulls last, id limit " + LISTED)) {
            while (rs.next()) {
                rows.add(new ResourceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6)));
            }
        }
        return List.copyOf(rows);
    }
}
