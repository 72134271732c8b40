package jobs.x402.console.keys;

import java.util.List;
import java.util.UUID;

/**
 * One page of the key list in user-id order; pass {@link #nextCursor()} to get the next one.
 *
 * @param nextCursor the last user id this page looked at; null when there is nothing after it
 */
public record KeyPage(List<KeyRow> rows, UUID nextCursor) {
    public boolean hasMore() {
        return nextCursor != null;
    }
}
