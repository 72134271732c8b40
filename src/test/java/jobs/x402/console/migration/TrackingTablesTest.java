package jobs.x402.console.migration;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.testing.TestDatabase;
import jobs.x402.console.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's bookkeeping in every state a real project can be found in: never there, an empty schema, one of the
 * two tables, or a changelog table an earlier console (or a plain Liquibase run) made without a primary key. Each
 * case gets a database of its own, and every operation works on the first try as non-superuser postgres.
 */
class TrackingTablesTest {
    @TempDir
    Path home;

    private static TestDatabase freshDatabase(String hint) {
        return TestDatabase.of(TestPostgres.get().freshDatabase("tracking_" + hint));
    }

    @Test
    void anEmptySchemaIsCompletedByApplyAndLeftAsItWasByADryRun() throws Exception {
        TestDatabase db = freshDatabase("empty_schema");
        execute(db, "create schema x402_console");
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
            assertThat(service.history().changelog()).isEmpty();
            assertThat(service.locks().free()).isTrue();
            assertThat(service.preview().firstRunNote()).contains("incomplete");

            assertThat(service.dryRun(MigrationFixtures.LOCK_TIMEOUT, ProgressListener.NONE).wouldSucceed()).isTrue();
            assertThat(MigrationFixtures.exists(c, "x402_console.databasechangelog")).isFalse();
            assertThat(MigrationFixtures.count(c, "select count(*) from pg_namespace where nspname = 'x402_console'"))
                    .as("the schema that was there before stays").isEqualTo(1);

            MigrationFixtures.apply(service);
            assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);
            assertFootprintComplete(c);
            assertThat(service.preview().firstRunNote()).isNull();
            assertThat(service.preview().bookkeepingStatements()).isEmpty();
        }
    }

    @Test
    void aLoneLockTableIsKeptAndTheChangelogAdded() throws Exception {
        TestDatabase db = freshDatabase("lock_only");
        execute(db, "create schema x402_console; create table x402_console.databasechangeloglock (id integer not null"
                + " primary key, locked boolean not null, lockgranted timestamp, lockedby varchar(255))");
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
            assertThat(service.locks().free()).isTrue();
            assertThat(service.dryRun(MigrationFixtures.LOCK_TIMEOUT, ProgressListener.NONE).wouldSucceed()).isTrue();
            assertThat(MigrationFixtures.count(c, "select count(*) from x402_console.databasechangeloglock")).isZero();
            MigrationFixtures.apply(service);
            assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);
            assertFootprintComplete(c);
        }
    }

    @Test
    void aChangelogWithoutPrimaryKeyKeepsItsRowsAndGetsOne() throws Exception {
        TestDatabase db = freshDatabase("changelog_only");
        execute(db, "create schema x402_console; create table x402_console.databasechangelog (id varchar(255) not null,"
                + " author varchar(255) not null, filename varchar(255) not null, dateexecuted timestamp not null,"
                + " orderexecuted integer not null, exectype varchar(10) not null, md5sum varchar(35),"
                + " description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20),"
                + " contexts varchar(255), labels varchar(255), deployment_id varchar(10));"
                + " insert into x402_console.databasechangelog values ('other-1', 'someone', 'other.sql', now(), 1,"
                + " 'EXECUTED', null, 'sql', '', null, '4.33.0', null, null, '1234567890')");
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            assertThat(service.status().state()).isEqualTo(MigrationState.PENDING);
            assertThat(service.history().changelog()).hasSize(1);
            assertThat(service.locks().free()).isTrue();
            assertThat(service.preview().bookkeepingStatements()).anyMatch(s -> s.contains("add constraint"));
            MigrationFixtures.apply(service);
            assertThat(service.status().state()).isEqualTo(MigrationState.APPLIED);
            assertThat(service.history().changelog()).hasSize(2);
            assertFootprintComplete(c);
        }
    }

    @Test
    void grantsThatDefaultPrivilegesGaveTheApiRolesAreTakenBack() throws Exception {
        TestDatabase db = freshDatabase("default_privileges");
        // some projects have database-wide default privileges, not only those in public
        execute(db, "alter default privileges for role postgres grant all on tables to anon, authenticated,"
                + " service_role");
        try (DatabaseSession session = db.openSession(); Connection c = db.connect()) {
            MigrationService service = MigrationFixtures.service(session, home);
            MigrationFixtures.apply(service);
            assertFootprintComplete(c);
        }
    }

    private static void assertFootprintComplete(Connection c) throws SQLException {
        TrackingTables.Footprint footprint = TrackingTables.read(c);
        assertThat(footprint.complete()).as(footprint.toString()).isTrue();
        assertThat(footprint.apiRolesWithGrants()).isEmpty();
        assertThat(MigrationFixtures.count(c, "select count(*) from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = 'x402_console' and c.relkind = 'r' and not exists"
                + " (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')")).isZero();
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
