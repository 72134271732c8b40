package jobs.x402.console.keys;

import jobs.x402.console.core.Secret;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bulk users and encrypted keys for key tests and benchmarks, written with COPY so 100k rows take seconds. */
public final class KeyFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFixtures() {
    }

    public static String openRouterKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-or-v1-" + HexFormat.of().formatHex(bytes);
    }

    public static String claudeKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "sk-ant-api03-" + HexFormat.of().formatHex(bytes);
    }

    /** Creates {@code count} auth users named {@code tag-N@example.com}; returns their ids in creation order. */
    public static List<UUID> createUsers(Connection connection, int count, String tag) throws SQLException {
        List<UUID> ids = new ArrayList<>(count);
        StringBuilder rows = new StringBuilder(count * 64);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.append(id).append('\t').append(tag).append('-').append(i).append("@example.com\n");
        }
        copy(connection, "copy auth.users (id, email) from stdin", rows);
        return ids;
    }

    /** Encrypts a fresh key per user into {@code table}; returns user → plaintext key. */
    public static Map<UUID, String> insertKeys(Connection connection, EncryptedKeyTable table, List<UUID> users,
                                               IntegrationCipher cipher) throws SQLException {
        Map<UUID, String> keys = new LinkedHashMap<>();
        StringBuilder rows = new StringBuilder(users.size() * 200);
        for (UUID user : users) {
            String key = table .isOpenRouter() ? openRouterKey() : claudeKey();
            keys.put(user, key);
            rows.append(user).append('\t').append(cipher.encrypt(Secret.of(key))).append('\n');
        }
        copy(connection, "copy " + table.qualifiedTable() + " (user_id, " + table.column() + ") from stdin", rows);
        return keys;
    }

    /** The stored values of a table, user → value, to prove later that nothing changed. */
    public static Map<UUID, String> storedValues(Connection connection, EncryptedKeyTable table) throws SQLException {
        Map<UUID, String> values = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
             var rs = st.executeQuery("select user_id, " + table.column() + " from " + table.qualifiedTable())) {
            while (rs.next()) {
                values.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return values;
    }

    public static void clear(Connection connection, EncryptedKeyTable table) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("delete from " + table.qualifiedTable());
        }
    }

    private static void copy(Connection connection, String sql, CharSequence rows) throws SQLException {
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }
}
