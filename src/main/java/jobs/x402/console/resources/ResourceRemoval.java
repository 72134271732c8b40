package jobs.x402.console.resources;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.core.Confirmation;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.RemedyAction;
import jobs.x402.console.db.DatabaseSession;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Deletes an x402 resource, or changes its type, with a preview first and an audit entry after. This is what unblocks
 * a rollback of 005 while openrouter_instant resources exist: retype them (their model and config stay, and the
 * rollback's backup keeps them) or delete them. Any type of resource can be removed; the row is re-read inside the
 * transaction, so a resource changed meanwhile is refused instead of overwritten.
 */
public final class ResourceRemoval {
    /** The types the schema allows besides openrouter_instant (x402_resources_resource_type_check). */
    public static final Set<String> OTHER_TYPES = Set.of("external", "proxy", "prompt", "static", "prompt_template");

    private final DatabaseSession session;
    private final AuditLog audit;

    public ResourceRemoval(DatabaseSession session, AuditLog audit) {
        this.session = session;
        this.audit = audit;
    }

    private record Row(UUID id, String slug, String name, String type, String serverSlug) {
    }

    public ResourceChange previewDelete(String slug, String serverSlug) {
        Row row = find(slug, serverSlug);
        List<String> consequences = new ArrayList<>();
        consequences.add("The row is gone for good: name, price, prompt, parameters"
                + (InstantResource.TYPE.equals(row.type()) ? ", model and config" : "") + ". Buyers calling "
                + row.slug() + " get a not-found from then on.");
        if (InstantResource.TYPE.equals(row.type())) {
            consequences.add("One openrouter_instant resource fewer standing in the way of a rollback of 005.");
        }
        return new ResourceChange(ResourceChange.Kind.DELETE, row.id(), row.slug(), row.name(), row.serverSlug(),
                row.type(), null, "delete from public.x402_resources where id = '" + row.id() + "' and resource_type"
                + " = '" + row.type() + "';", consequences);
    }

    public ResourceChange previewRetype(String slug, String serverSlug, String newType) {
        if (newType == null || !(OTHER_TYPES.contains(newType) || InstantResource.TYPE.equals(newType))) {
            throw OperatorException.usage("'" + newType + "' is not a resource type this schema allows",
                    "choose one of " + String.join(", ", new java.util.TreeSet<>(OTHER_TYPES))
                            + " or openrouter_instant");
        }
        Row row = find(slug, serverSlug);
        if (row.type().equals(newType)) {
            throw OperatorException.usage(row.slug() + " is already of type " + newType + ". Nothing was changed",
                    "choose another type");
        }
        if (InstantResource.TYPE.equals(newType)) {
            throw OperatorException.usage("Making " + row.slug() + " an openrouter_instant resource needs a model and a"
                    + " config, which a change of type does not give it", "create it in the resource editor instead")
                    .withAction(RemedyAction.EDIT_RESOURCE);
        }
        List<String> consequences = new ArrayList<>();
        consequences.add("The backend serves it as a " + newType + " resource from then on.");
        if (InstantResource.TYPE.equals(row.type())) {
            consequences.add("Its model and config stay in the row (a rollback of 005 backs them up before dropping"
                    + " the columns); it no longer blocks that rollback.");
        }
        return new ResourceChange(ResourceChange.Kind.RETYPE, row.id(), row.slug(), row.name(), row.serverSlug(),
                row.type(), newType, "update public.x402_resources set resource_type = '" + newType + "' where id = '"
                + row.id() + "' and resource_type = '" + row.type() + "';", consequences);
    }

    /** Deleting cannot be undone: the confirmation must name the database. */
    public void delete(ResourceChange change, Confirmation confirmation) {
        requireKind(change, ResourceChange.Kind.DELETE);
        String database = session.identity().database();
        if (!confirmation.names(database)) {
            throw OperatorException.refused("Deleting " + change.where() + " on " + session.identity().bannerLine()
                    + " cannot be undone and needs a confirmation naming the database. Nothing was changed",
                    "confirm by typing the database name " + database)
                    .withAction(RemedyAction.CONFIRM_DATABASE_NAME, "database", database);
        }
        run(change, "delete from public.x402_resources where id = ? and resource_type = ?", null);
    }

    public void retype(ResourceChange change, Confirmation confirmation) {
        requireKind(change, ResourceChange.Kind.RETYPE);
        if (!confirmation.yes()) {
            throw OperatorException.refused("Changing the type of " + change.where() + " needs a confirmation."
                    + " Nothing was changed", "confirm the change").withAction(RemedyAction.CONFIRM);
        }
        run(change, "update public.x402_resources set resource_type = ? where id = ? and resource_type = ?",
                change.newType());
    }

    private void run(ResourceChange change, String sql, String newType) {
        String action = change.kind() == ResourceChange.Kind.DELETE ? "resources.delete" : "resources.retype";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("slug", change.slug());
        details.put("server", change.serverSlug());
        details.put("type", change.currentType());
        if (newType != null) {
            details.put("newType", newType);
        }
        try (Connection c = session.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                if (newType != null) {
                    st.setString(i++, newType);
                }
                st.setObject(i++, change.resourceId());
                st.setString(i, change.currentType());
                if (st.executeUpdate() != 1) {
                    c.rollback();
                    throw OperatorException.refused(change.where() + " changed or went away since the preview."
                                    + " Nothing was changed", "read the resources again and preview once more");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            audit.append(session.identity().role(), session.identity().bannerLine(), action, change.where(),
                    "failed: " + e.getSQLState(), details);
            throw OperatorException.failure((change.kind() == ResourceChange.Kind.DELETE ? "Deleting " : "Retyping ")
                    + change.where() + " failed: " + e.getMessage(), "nothing was changed; check the role's"
                    + " rights on x402_resources", e);
        }
        audit.append(session.identity().role(), session.identity().bannerLine(), action, change.where(), "ok",
                details);
    }

    private static void requireKind(ResourceChange change, ResourceChange.Kind kind) {
        if (change.kind() != kind) {
            throw new IllegalArgumentException("a " + change.kind() + " preview cannot be run as a " + kind);
        }
    }

    private Row find(String slug, String serverSlug) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = session.connection(); PreparedStatement st = c.prepareStatement(
                "select r.id, r.slug, r.name, r.resource_type, s.slug from public.x402_resources r"
                        + " left join public.x402_servers s on s.id = r.server_id"
                        + " where r.slug = ? and (? is null or s.slug = ?) order by s.slug")) {
            st.setString(1, slug);
            st.setString(2, serverSlug);
            st.setString(3, serverSlug);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw OperatorException.failure("Reading resource " + slug + " failed on "
                    + session.identity().bannerLine() + ": " + e.getMessage(), "check the connection", e);
        }
        if (rows.isEmpty()) {
            throw OperatorException.usage("No resource with slug " + slug + (serverSlug == null ? ""
                    : " on server " + serverSlug) + " on " + session.identity().bannerLine() + ". Nothing was changed",
                    "list the resources to find its slug");
        }
        if (rows.size() > 1) {
            throw OperatorException.usage("Slug " + slug + " is used on several servers: " + String.join(", ",
                    rows.stream().map(r -> r.serverSlug() == null ? "(no server)" : r.serverSlug()).toList())
                    + ". Nothing was changed", "say which server's resource is meant")
                    .withAction(RemedyAction.NAME_SERVER);
        }
        return rows.get(0);
    }
}
