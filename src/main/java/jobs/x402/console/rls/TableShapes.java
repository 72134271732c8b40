package jobs.x402.console.rls;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns, keys and foreign keys of every table (auth.users included), read in two queries: what the access
 * matrix needs to make rows that the table accepts.
 */
final class TableShapes {
    private final Map<String, Shape> shapes;

    private TableShapes(Map<String, Shape> shapes) {
        this.shapes = shapes;
    }

    boolean has(String displayName) {
        return shapes.containsKey(displayName);
    }

    Shape shape(String displayName) {
        return shapes.get(displayName);
    }

    /**
     * @param type       format_type: what a literal is cast to
     * @param baseType   the type's name after domains are unwrapped (uuid, int4, text …)
     * @param category   pg_type.typcategory of the base type (A array, E enum, S string, N numeric …)
     * @param firstLabel an enum's first label
     * @param maxLength  varchar(n)/char(n) limit, or -1
     * @param identity   pg_attribute.attidentity: a (always), d (by default) or empty
     * @param checkedValue the first literal of a CHECK on this column alone (network in ('base', …) gives base), so a
     *                   made-up row passes it; null when there is none
     */
    record Column(String name, String type, String baseType, String category, String firstLabel, int maxLength,
                  boolean notNull, boolean hasDefault, String identity, boolean generated, String checkedValue) {
        boolean writable() {
            return !generated;
        }
    }

    record ForeignKey(String name, List<String> columns, String references, List<String> referencedColumns) {
    }

    record Shape(String schema, String name, List<Column> columns, List<String> primaryKey,
                 List<ForeignKey> foreignKeys, List<String> uniqueAlone) {
        String displayName() {
            return schema + "." + name;
        }

        String qualified() {
            return RlsSql.qualified(schema, name);
        }

        Column column(String columnName) {
            return columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElse(null);
        }

        /** The column that says whose row it is: a foreign key to auth.users (id), else a column named user_id. */
        String ownerColumn() {
            List<String> toUsers = foreignKeys.stream().filter(fk -> fk.references().equals("auth.users")
                    && fk.columns().size() == 1 && fk.referencedColumns().equals(List.of("id")))
                    .map(fk -> fk.columns().get(0)).toList();
            if (toUsers.size() == 1) {
                return toUsers.get(0);
            }
            if (column("user_id") != null && (toUsers.isEmpty() || toUsers.contains("user_id"))) {
                return "user_id";
            }
            return toUsers.isEmpty() ? null : toUsers.get(0);
        }

        String firstWritableColumn() {
            return columns.stream().filter(Column::writable).map(Column::name).findFirst()
                    .orElse(columns.get(0).name());
        }
    }

    static TableShapes read(Connection c) throws SQLException {
        Map<Long, Shape> byOid = new LinkedHashMap<>();
        Map<Long, List<Column>> columns = new HashMap<>();
        Map<Long, String[]> names = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select c.oid::bigint, n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                       b.typname, b.typcategory,
                       (select e.enumlabel from pg_enum e where e.enumtypid = b.oid order by e.enumsortorder limit 1),
                       case when b.typname in ('varchar', 'bpchar') and a.atttypmod > 4 then a.atttypmod - 4
                            else -1 end,
                       a.attnotnull, a.atthasdef, a.attidentity::text, a.attgenerated <> ''
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                join pg_type t on t.oid = a.atttypid
                join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
                where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
                  and n.nspname not like 'pg\\_%'
                order by c.oid, a.attnum""")) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                names.putIfAbsent(oid, new String[]{rs.getString(2), rs.getString(3)});
                columns.computeIfAbsent(oid, k -> new ArrayList<>()).add(new Column(rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getBoolean(10),
                        rs.getBoolean(11), rs.getString(12), rs.getBoolean(13), null));
            }
        }
        Map<String, String> checked = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select k.conrelid::bigint, a.attname, substring(pg_get_constraintdef(k.oid) from '''([^'']*)''')"
                        + " from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid"
                        + " and a.attnum = k.conkey[1] where k.contype = 'c' and cardinality(k.conkey) = 1")) {
            while (rs.next()) {
                if (rs.getString(3) != null) {
                    checked.putIfAbsent(rs.getLong(1) + "." + rs.getString(2), rs.getString(3));
                }
            }
        }
        columns.forEach((oid, list) -> list.replaceAll(col -> checked.containsKey(oid + "." + col.name())
                ? new Column(col.name(), col.type(), col.baseType(), col.category(), col.firstLabel(), col.maxLength(),
                col.notNull(), col.hasDefault(), col.identity(), col.generated(), checked.get(oid + "." + col.name()))
                : col));
        Map<Long, List<String>> primaryKeys = new HashMap<>();
        Map<Long, List<String>> uniqueAlone = new HashMap<>();
        Map<Long, List<ForeignKey>> foreignKeys = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select k.conrelid::bigint, k.contype::text, k.conname,
                       array(select a.attname from unnest(k.conkey) with ordinality u(n, o)
                             join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o),
                       rn.nspname || '.' || r.relname,
                       array(select a.attname from unnest(k.confkey) with ordinality u(n, o)
                             join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o)
                from pg_constraint k
                left join pg_class r on r.oid = k.confrelid
                left join pg_namespace rn on rn.oid = r.relnamespace
                where k.contype in ('p', 'u', 'f')
                union all
                -- unique indexes that are not constraints (e.g. a partial or expression-free unique index)
                select i.indrelid::bigint, 'u', x.relname,
                       array(select a.attname from unnest(i.indkey::int2[]) u(n)
                             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.n),
                       null, null
                from pg_index i join pg_class x on x.oid = i.indexrelid
                where i.indisunique and not i.indisprimary and i.indnkeyatts = 1 and i.indkey[0] <> 0
                  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)""")) {
            while (rs.next()) {
                long oid = rs.getLong(1);
                List<String> cols = strings(rs.getArray(4));
                switch (rs.getString(2)) {
                    case "p" -> primaryKeys.put(oid, cols);
                    case "u" -> {
                        if (cols.size() == 1) {
                            uniqueAlone.computeIfAbsent(oid, k -> new ArrayList<>()).add(cols.get(0));
                        }
                    }
                    default -> foreignKeys.computeIfAbsent(oid, k -> new ArrayList<>()).add(new ForeignKey(
                            rs.getString(3), cols, rs.getString(5), strings(rs.getArray(6))));
                }
            }
        }
        Map<String, Shape> shapes = new HashMap<>();
        names.forEach((oid, name) -> {
            List<String> pk = primaryKeys.getOrDefault(oid, List.of());
            List<String> unique = new ArrayList<>(uniqueAlone.getOrDefault(oid, List.of()));
            if (pk.size() == 1) {
                unique.add(pk.get(0));
            }
            Shape shape = new Shape(name[0], name[1], List.copyOf(columns.get(oid)), pk,
                    List.copyOf(foreignKeys.getOrDefault(oid, List.of())), List.copyOf(unique));
            byOid.put(oid, shape);
            shapes.put(shape.displayName(), shape);
        });
        return new TableShapes(shapes);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            values.add(String.valueOf(o));
        }
        return values;
    }
}
