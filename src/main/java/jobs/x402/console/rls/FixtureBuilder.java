package jobs.x402.console.rls;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Makes the rows one table's matrix needs, as the operator, inside the caller's transaction: the two users in
 * auth.users, the parent rows of foreign keys, and one row owned by each user (or one row when the table has no
 * owner column). Every value is a literal in the SQL it records, so the pgTAP export replays exactly the same rows.
 */
final class FixtureBuilder {
    private static final int MAX_DEPTH = 5;

    private final TableShapes shapes;
    private final UUID owner;
    private final UUID other;
    private final List<String> statements = new ArrayList<>();
    /** Literal values of the referenced columns, per foreign key already given a parent row. */
    private final Map<String, Map<String, String>> parents = new HashMap<>();
    /** The seeded rows: the user they belong to (null without an owner column), and their key's literals. */
    private final Map<UUID, Map<String, String>> seeded = new LinkedHashMap<>();
    private TableShapes.Shape table;
    private Map<String, String> unownedRow;

    static final class FixtureException extends Exception {
        FixtureException(String message) {
            super(message);
        }
    }

    FixtureBuilder(TableShapes shapes, UUID owner, UUID other) {
        this.shapes = shapes;
        this.owner = owner;
        this.other = other;
    }

    List<String> statements() {
        return List.copyOf(statements);
    }

    /** The two fixture users' rows of auth.users: made once, inserted first in every table's transaction. */
    static List<String> userStatements(TableShapes shapes, UUID owner, UUID other) {
        TableShapes.Shape users = shapes.shape("auth.users");
        if (users == null) {
            return List.of();
        }
        List<String> statements = new ArrayList<>();
        for (UUID user : List.of(owner, other)) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", literal(user.toString(), "uuid"));
            putIfColumn(users, row, "email", "matrix-" + user.toString().substring(0, 8) + "@example.invalid");
            putIfColumn(users, row, "aud", "authenticated");
            putIfColumn(users, row, "role", "authenticated");
            for (TableShapes.Column column : users.columns()) {
                if (!row.containsKey(column.name()) && column.writable() && column.notNull() && !column.hasDefault()
                        && column.identity().isEmpty()) {
                    row.put(column.name(), madeUp(column));
                }
            }
            statements.add(insertStatement(users, row));
        }
        return statements;
    }

    void seed(Connection c, TableShapes.Shape shape, List<String> users) throws FixtureException {
        this.table = shape;
        for (String user : users) {
            executeUnrecorded(c, user, "creating the fixture users");
        }
        String ownerColumn = shape.ownerColumn();
        if (ownerColumn == null) {
            Map<String, String> row = row(c, shape, new LinkedHashMap<>(), List.of(), 0);
            execute(c, insertStatement(shape, row), "inserting a row into " + shape.displayName());
            unownedRow = row;
            return;
        }
        for (UUID user : List.of(owner, other)) {
            Map<String, String> fixed = new LinkedHashMap<>();
            fixed.put(ownerColumn, ownerLiteral(shape, user));
            Map<String, String> row = row(c, shape, fixed, List.of(), 0);
            execute(c, insertStatement(shape, row), "inserting a row of user " + user + " into "
                    + shape.displayName());
            seeded.put(user, row);
        }
    }

    /** The seeded row of {@code user} (the only seeded row, when the table has no owner column; else "false"). */
    String rowPredicate(UUID user) {
        if (unownedRow != null) {
            return user.equals(owner) ? predicate(table, unownedRow) : "false";
        }
        Map<String, String> row = seeded.get(user);
        return row == null ? "false" : predicate(table, row);
    }

    /** A new row of {@code user} for the persona to insert (fresh keys, the seeded rows' parents). */
    String insertSql(UUID user) {
        Map<String, String> fixed = new LinkedHashMap<>();
        if (table.ownerColumn() != null) {
            fixed.put(table.ownerColumn(), ownerLiteral(table, user));
        }
        try {
            return insertStatement(table, row(null, table, fixed, List.of(), 0));
        } catch (FixtureException e) {
            throw new IllegalStateException("the seeded rows' parents exist, so no new parent is needed", e);
        }
    }

    /** When the owner column is unique on its own, a user has one row at most: free it before inserting anew. */
    String freeSlot(UUID user) {
        String ownerColumn = table.ownerColumn();
        if (ownerColumn == null || !table.uniqueAlone().contains(ownerColumn)) {
            return null;
        }
        return "delete from " + table.qualified() + " where " + RlsSql.ident(ownerColumn) + " = "
                + ownerLiteral(table, user);
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    /**
     * The columns to set: the fixed ones, the key, the foreign keys (to a parent row), every NOT NULL column without
     * a default, and the {@code required} ones (a parent's referenced columns).
     */
    private Map<String, String> row(Connection c, TableShapes.Shape shape, Map<String, String> fixed,
                                    List<String> required, int depth) throws FixtureException {
        if (depth > MAX_DEPTH) {
            throw new FixtureException("the foreign keys of " + shape.displayName() + " nest deeper than " + MAX_DEPTH
                    + " tables");
        }
        Map<String, String> row = new LinkedHashMap<>(fixed);
        for (TableShapes.ForeignKey fk : shape.foreignKeys()) {
            if (fk.columns().stream().anyMatch(row::containsKey)) {
                continue;
            }
            boolean needed = fk.columns().stream().anyMatch(col -> {
                TableShapes.Column column = shape.column(col);
                return column.notNull() && !column.hasDefault() || required.contains(col)
                        || shape.primaryKey().contains(col);
            });
            if (!needed) {
                continue; // a nullable foreign key stays null: no parent row needed
            }
            if (fk.references().equals("auth.users") && fk.referencedColumns().equals(List.of("id"))) {
                row.put(fk.columns().get(0), ownerLiteral(shape, owner));
                continue;
            }
            Map<String, String> parent = parents.get(fk.name() + "@" + shape.displayName());
            if (parent == null) {
                TableShapes.Shape parentShape = shapes.shape(fk.references());
                if (parentShape == null || parentShape.displayName().equals(shape.displayName())) {
                    throw new FixtureException("foreign key " + fk.name() + " of " + shape.displayName()
                            + " needs a row of " + fk.references() + ", which the fixture cannot make");
                }
                if (c == null) {
                    throw new FixtureException("foreign key " + fk.name() + " has no parent row yet");
                }
                Map<String, String> parentRow = row(c, parentShape, new LinkedHashMap<>(), fk.referencedColumns(),
                        depth + 1);
                execute(c, insertStatement(parentShape, parentRow), "inserting a parent row into "
                        + parentShape.displayName() + " for " + fk.name());
                parent = new LinkedHashMap<>();
                for (int i = 0; i < fk.columns().size(); i++) {
                    parent.put(fk.columns().get(i), parentRow.get(fk.referencedColumns().get(i)));
                }
                parents.put(fk.name() + "@" + shape.displayName(), parent);
            }
            row.putAll(parent);
        }
        for (TableShapes.Column column : shape.columns()) {
            if (row.containsKey(column.name()) || !column.writable()) {
                continue;
            }
            boolean key = shape.primaryKey().contains(column.name());
            if (key || required.contains(column.name()) || column.notNull() && !column.hasDefault()
                    && column.identity().isEmpty()) {
                row.put(column.name(), madeUp(column));
            }
        }
        return row;
    }

    private static String insertStatement(TableShapes.Shape shape, Map<String, String> row) {
        if (row.isEmpty()) {
            return "insert into " + shape.qualified() + " default values";
        }
        boolean overriding = row.keySet().stream().map(shape::column)
                .anyMatch(col -> col != null && col.identity().equals("a"));
        return "insert into " + shape.qualified() + " (" + row.keySet().stream().map(RlsSql::ident)
                .collect(Collectors.joining(", ")) + ")" + (overriding ? " overriding system value" : "")
                + " values (" + String.join(", ", row.values()) + ")";
    }

    /** The seeded row by its primary key, else by every value the fixture set. */
    private static String predicate(TableShapes.Shape shape, Map<String, String> row) {
        List<String> columns = !shape.primaryKey().isEmpty() && row.keySet().containsAll(shape.primaryKey())
                ? shape.primaryKey() : List.copyOf(row.keySet());
        if (columns.isEmpty()) {
            return "true";
        }
        return columns.stream().map(col -> RlsSql.ident(col) + " = " + row.get(col))
                .collect(Collectors.joining(" and ", "(", ")"));
    }

    private static String ownerLiteral(TableShapes.Shape shape, UUID user) {
        TableShapes.Column column = shape.column(shape.ownerColumn() == null ? "id" : shape.ownerColumn());
        return literal(user.toString(), column == null ? "uuid" : column.type());
    }

    private static void putIfColumn(TableShapes.Shape shape, Map<String, String> row, String column, String value) {
        TableShapes.Column c = shape.column(column);
        if (c != null && c.writable()) {
            row.put(column, literal(value, c.type()));
        }
    }

    /** A value of the column's type that a plain table accepts; unique enough not to collide with real rows. */
    static String madeUp(TableShapes.Column column) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String hex = Long.toHexString(random.nextLong() & 0xffffffffffL);
        String value = column.checkedValue() != null ? column.checkedValue() : switch (column.baseType()) {
            case "uuid" -> UUID.randomUUID().toString();
            case "json", "jsonb" -> "{}";
            case "bytea" -> "\\x00";
            case "time", "timetz" -> "00:00:00";
            case "date" -> "2026-01-01";
            case "interval" -> "1 hour";
            default -> switch (column.category()) {
                case "A" -> "{}";
                case "E" -> column.firstLabel();
                case "B" -> "false";
                case "N" -> String.valueOf(column.baseType().equals("int2") ? random.nextInt(1, Short.MAX_VALUE)
                        : random.nextInt(1_000_000, Integer.MAX_VALUE));
                case "D" -> "2026-01-01 00:00:00+00";
                case "I" -> "192.0.2." + random.nextInt(1, 255);
                default -> "matrix-" + hex;
            };
        };
        if (column.maxLength() > 0 && value.length() > column.maxLength()) {
            value = value.substring(value.length() - column.maxLength());
        }
        return literal(value, column.type());
    }

    private static String literal(String value, String type) {
        return RlsSql.literal(value) + "::" + type;
    }

    private void execute(Connection c, String sql, String what) throws FixtureException {
        executeUnrecorded(c, sql, what);
        statements.add(sql);
    }

    private static void executeUnrecorded(Connection c, String sql, String what) throws FixtureException {
        try (Statement st = c.createStatement()) {
            st.execute("savepoint matrix_fixture");
            st.execute(sql);
            st.execute("release savepoint matrix_fixture");
        } catch (SQLException e) {
            try (Statement st = c.createStatement()) {
                st.execute("rollback to savepoint matrix_fixture");
            } catch (SQLException ignored) {
                // the table's transaction is rolled back anyway
            }
            throw new FixtureException(what + " failed: " + RlsSql.firstLine(e.getMessage()));
        }
    }
}
