package jobs.x402.console.keys;

import jobs.x402.console.db.DatabaseSession;
import org.hibernate.query.SelectionQuery;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The key list in user-id order, one keyset page at a time, so a 100k-row table costs one index range scan per page
 * and the window never holds more than the operator scrolled through. Only the rows of a page are decrypted.
 */
public final class KeyListing {
    public static final int DEFAULT_PAGE_SIZE = 200;
    // the undecryptable filter can only be applied after decrypting, so it reads ahead in larger steps
    private static final int DECRYPT_FILTER_STEP = 1000;

    private final DatabaseSession session;

    public KeyListing(DatabaseSession session) {
        this.session = session;
    }

    /** The entities the keys feature maps (AuthUser is the users feature's, joined for emails). */
    public static List<Class<?>> entityClasses() {
        return List.of(OpenRouterIntegration.class, jobs.x402.console.users.AuthUser.class);
    }

    /** False until migration 005 has created the key table on this target. */
    public boolean tableExists() {
        return KeyTables.exists(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
    }

    /**
     * The page after {@code after} (null: the first page).
     *
     * @param cipher null when no secret is loaded: rows show "no secret loaded" and no masked key
     */
    public KeyPage page(KeyQuery query, UUID after, int limit, IntegrationCipher cipher) {
        if (limit < 1) {
            throw jobs.x402.console.core.OperatorException.usage("A page of " + limit + " rows is no page",
                    "ask for at least 1 row per page");
        }
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        if (query.filter() == KeyFilter.UNDECRYPTABLE && cipher == null) {
            throw jobs.x402.console.core.OperatorException.usage("The undecryptable filter needs the secret",
                    "load the integration secret first");
        }
        boolean decryptFilter = query.filter() == KeyFilter.UNDECRYPTABLE;
        int step = decryptFilter ? DECRYPT_FILTER_STEP : limit + 1;
        List<KeyRow> rows = new ArrayList<>(Math.min(limit, 1000));
        UUID cursor = after;
        while (true) {
            List<Object[]> raw = fetch(query, cursor, step);
            for (int i = 0; i < raw.size(); i++) {
                Object[] r = raw.get(i);
                if (!decryptFilter && rows.size() == limit) {
                    return new KeyPage(rows, rows.get(rows.size() - 1).userId());
                }
                KeyRow row = toRow(r, cipher);
                cursor = row.userId();
                if (decryptFilter && !row.status().isProblem()) {
                    continue;
                }
                rows.add(row);
                if (decryptFilter && rows.size() == limit) {
                    boolean more = i < raw.size() - 1 || raw.size() == step;
                    return new KeyPage(rows, more ? cursor : null);
                }
            }
            if (raw.size() < step || !decryptFilter) {
                return new KeyPage(rows, null);
            }
        }
    }

    /** How many rows match the query's search and SQL filter; for UNDECRYPTABLE, how many rows there are to try. */
    public long count(KeyQuery query) {
        KeyTables.requirePresent(session, EncryptedKeyTable.openRouter(session.schemaVariant()));
        return session.sessionFactory().fromStatelessTransaction(s -> {
            SelectionQuery<Long> q = s.createSelectionQuery("select count(i) from OpenRouterIntegration i"
                    + " left join AuthUser u on u.id = i.userId" + where(query, null), Long.class);
            bind(q, query, null);
            return q.getSingleResult();
        });
    }

    private List<Object[]> fetch(KeyQuery query, UUID after, int limit) {
        return session.sessionFactory().fromStatelessTransaction(s -> {
            SelectionQuery<Object[]> q = s.createSelectionQuery("select i.userId, u.email, i.encryptedApiKey,"
                    + " i.valid, i.enabled, i.lastVerifiedAt, i.createdAt, i.updatedAt"
                    + " from OpenRouterIntegration i left join AuthUser u on u.id = i.userId"
                    + where(query, after) + " order by i.userId", Object[].class);
            bind(q, query, after);
            q.setMaxResults(limit);
            return q.getResultList();
        });
    }

    private static String where(KeyQuery query, UUID after) {
        List<String> clauses = new ArrayList<>();
        if (after != null) {
            clauses.add("i.userId > :after");
        }
        if (!query.search().isEmpty()) {
            clauses.add("(lower(u.email) like :contains or cast(i.userId as String) like :prefix)");
        }
        switch (query.filter()) {
            case INVALID -> clauses.add("i.valid = false");
            case DISABLED -> clauses.add("i.enabled = false");
            case NEVER_VERIFIED -> clauses.add("i.lastVerifiedAt is null");
            default -> {
            }
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static void bind(SelectionQuery<?> q, KeyQuery query, UUID after) {
        if (after != null) {
            q.setParameter("after", after);
        }
        if (!query.search().isEmpty()) {
            String search = query.search().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_");
            q.setParameter("contains", "%" + search + "%");
            q.setParameter("prefix", search + "%");
        }
    }

    private static KeyRow toRow(Object[] r, IntegrationCipher cipher) {
        UUID userId = (UUID) r[0];
        String stored = (String) r[2];
        KeyStatus status = KeyStatus.NO_SECRET_LOADED;
        DecryptStatus decryptStatus = null;
        String masked = "";
        if (cipher != null) {
            try (DecryptOutcome outcome = cipher.decrypt(stored)) {
                decryptStatus = outcome.status();
                status = KeyStatus.of(decryptStatus);
                if (outcome.isOk()) {
                    masked = OpenRouterKeyShape.mask(outcome.plaintext());
                }
            }
        }
        return new KeyRow(userId, (String) r[1], status, decryptStatus, masked, (Boolean) r[3], (Boolean) r[4],
                (OffsetDateTime) r[5], (OffsetDateTime) r[6], (OffsetDateTime) r[7]);
    }
}
