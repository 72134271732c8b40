package jobs.x402.console.keys;

import jobs.x402.console.db.LiquibaseCommands;
import jobs.x402.console.testing.TestDatabase;

import java.sql.Connection;

/** Applies migration 005 (its own changelog, through Liquibase) to a test database, so the key table exists. */
public final class Migration005 {
    public static final String CHANGELOG = "changelog/x402-migrations.xml";

    private Migration005() {
    }

    public static void apply(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            LiquibaseCommands.update(connection, CHANGELOG, null);
        }
    }
}
