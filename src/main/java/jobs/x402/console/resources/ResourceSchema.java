package jobs.x402.console.resources;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whether the target has migration 005's resource columns and key table: catalog SQL, not domain data. */
record ResourceSchema(boolean hasInstantColumns, boolean hasKeyTable) {

    public static ResourceSchema read(DatabaseSession session) {
        String sql = """
                select (select count(*) from information_schema.columns
                         where table_schema = 'public' and table_name = 'x402_resources'
                           and column_name in ('openrouter_model_id', 'openrouter_config')) = 2,
                       to_regclass('%s') is not null""".formatted(session.schemaVariant().qualifiedKeyTable());
        try (Connection c = session.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new ResourceSchema(rs.getBoolean(1), rs.getBoolean(2));
        } catch (SQLException e) {
            throw OperatorException.failure("Reading the catalog of " + session.identity().bannerLine()
                    + " failed: " + e.getMessage(), "check that the role may read information_schema", e);
        }
    }

    /** @throws OperatorException (refused) naming the migration when the 005 columns are missing */
    public void requireInstantColumns(DatabaseSession session) {
        if (!hasInstantColumns) {
            throw OperatorException.refused("Migration 005 is not applied on " + session.identity().bannerLine()
                            + ": x402_resources has no openrouter_model_id / openrouter_config",
                    "preview migration 005, then apply it")
                    .withAction(jobs.x402.console.core.RemedyAction.APPLY_MIGRATION);
        }
    }
}
