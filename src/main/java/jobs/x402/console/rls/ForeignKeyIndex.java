package jobs.x402.console.rls;

import java.util.List;

/** A foreign key and whether an index starts with its columns (so deletes on the parent need no scan). */
record ForeignKeyIndex(String schema, String table, String constraint, List<String> columns,
                              boolean indexed) {

    public ForeignKeyIndex {
        columns = List.copyOf(columns);
    }
}
