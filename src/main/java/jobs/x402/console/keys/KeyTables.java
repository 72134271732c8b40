package jobs.x402.console.keys;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Whether the key tables exist on the target, told as an operator needs it when they do not. */
final class KeyTables {
    private KeyTables() {
    }

    static boolean exists(Connection connection, EncryptedKeyTable table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("select to_regclass(?) is not null")) {
            st.setString(1, table.qualifiedTable());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static boolean exists(DatabaseSession session, EncryptedKeyTable table) {
        try (Connection connection = session.connection()) {
            return exists(connection, table);
        } catch (SQLException e) {
            throw KeyFailures.database("checking for " + table.qualifiedTable(), session, e);
        }
    }

    static void requirePresent(DatabaseSession session, EncryptedKeyTable table) {
        if (!exists(session, table)) {
            throw missing(session, table);
        }
    }

    static OperatorException missing(DatabaseSession session, EncryptedKeyTable table) {
        return new OperatorException(ExitCode.FAILURE, table.qualifiedTable() + " does not exist on "
                + session.identity().bannerLine(), table .isOpenRouter()
                ? "apply migration 005 first, which creates it"
                : "this database does not have the table; choose the other key table");
    }
}
