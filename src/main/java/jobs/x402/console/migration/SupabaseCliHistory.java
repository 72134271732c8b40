package jobs.x402.console.migration;

import jobs.x402.console.target.SchemaVariant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Supabase CLI's migration history ({@code supabase_migrations.schema_migrations}) says, read beside the
 * console's own record. The console reads only the three columns every CLI version has, and never inserts or deletes
 * a version on its own: {@code supabase db push} refuses to run while the table holds a version the operator's
 * repository lacks, so one wrong row breaks their deploys. Writing happens only on the operator's explicit request
 * (record on apply, repair after rollback), each for migration 005's own version.
 *
 * @param present  the table exists (the project has used the Supabase CLI)
 * @param readable the operator's role may read it
 * @param versions every version it holds, oldest first
 * @param name     the name recorded for {@link SchemaVariant#SUPABASE_CLI_VERSION}, or null
 */
public record SupabaseCliHistory(boolean present, boolean readable, List<String> versions, String name) {
    static final String TABLE = "supabase_migrations.schema_migrations";

    public static SupabaseCliHistory absent() {
        return new SupabaseCliHistory(false, false, List.of(), null);
    }

    /** Migration 005's version (20260128100003, add_openrouter_integration) is among the recorded ones. */
    public boolean records005() {
        return versions.contains(SchemaVariant.SUPABASE_CLI_VERSION);
    }

    /** "recorded by the Supabase CLI as 20260128100003", or why not, for the status's evidence. */
    public String describe() {
        if (!present) {
            return "no Supabase CLI history on this database (supabase_migrations.schema_migrations does not exist)";
        }
        if (!readable) {
            return "the Supabase CLI history exists but this role may not read it";
        }
        return (records005() ? "recorded by the Supabase CLI as " + SchemaVariant.SUPABASE_CLI_VERSION
                + (name == null ? "" : " (" + name + ")")
                : "the Supabase CLI does not record " + SchemaVariant.SUPABASE_CLI_VERSION)
                + "; it holds " + versions.size() + " version" + (versions.size() == 1 ? "" : "s");
    }

    /** The command an operator runs in their repository to make the CLI forget 005 after a rollback. */
    public static String repairCommand() {
        return "supabase migration repair --status reverted " + SchemaVariant.SUPABASE_CLI_VERSION;
    }

    /**
     * Reads the history without ever failing the caller's transaction: presence and privilege are asked of the
     * catalog first, so a dry run or apply that reads it cannot be aborted by a permission error.
     */
    static SupabaseCliHistory read(Connection connection) throws SQLException {
        boolean present;
        boolean readable;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select c.oid is not null, coalesce(has_table_privilege(c.oid, 'select')"
                        + " and has_schema_privilege(c.relnamespace, 'usage'), false)"
                        + " from (select to_regclass('" + TABLE + "') as oid) t left join pg_class c on c.oid = t.oid")) {
            rs.next();
            present = rs.getBoolean(1);
            readable = rs.getBoolean(2);
        }
        if (!present || !readable) {
            return new SupabaseCliHistory(present, readable, List.of(), null);
        }
        List<String> versions = new ArrayList<>();
        String name = null;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select version, name from " + TABLE + " order by version")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
                if (SchemaVariant.SUPABASE_CLI_VERSION.equals(rs.getString(1))) {
                    name = rs.getString(2);
                }
            }
        }
        return new SupabaseCliHistory(true, true, List.copyOf(versions), name);
    }

    /** Records 005's version as the CLI would, inside the caller's transaction (apply asked for it explicitly). */
    static void record(Connection transaction, List<String> statements) throws SQLException {
        try (PreparedStatement ps = transaction.prepareStatement("insert into " + TABLE
                + " (version, name, statements) values (?, ?, ?)")) {
            ps.setString(1, SchemaVariant.SUPABASE_CLI_VERSION);
            ps.setString(2, SchemaVariant.SUPABASE_CLI_NAME);
            ps.setArray(3, transaction.createArrayOf("text", statements.toArray()));
            ps.executeUpdate();
        }
    }

    /** What {@code supabase migration repair --status reverted 20260128100003} does: forget 005's version. */
    static int forget005(Connection transaction) throws SQLException {
        try (PreparedStatement ps = transaction.prepareStatement("delete from " + TABLE + " where version = ?")) {
            ps.setString(1, SchemaVariant.SUPABASE_CLI_VERSION);
            return ps.executeUpdate();
        }
    }
}
