package jobs.x402.console.keys;

/**
 * What the key list shows: a search (user id prefix or part of the email, case-insensitive) and one filter.
 *
 * @param search blank for no search
 */
public record KeyQuery(String search, KeyFilter filter) {
    public static final KeyQuery EVERYTHING = new KeyQuery("", KeyFilter.ALL);

    public KeyQuery {
        search = search == null ? "" : search.strip();
        filter = filter == null ? KeyFilter.ALL : filter;
    }
}
