package jobs.x402.console.target;

import jobs.x402.console.core.OperatorException;
import jobs.x402.console.core.Secret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what operators paste: a JDBC URL ({@code jdbc:postgresql://host:5432/db?sslmode=require}) or a libpq URI exactly
 * as Supabase shows it ({@code postgresql://postgres.ref:[YOUR-PASSWORD]@aws-0-eu-central-1.pooler.supabase.com:6543/postgres}).
 */
public final class ConnectionUriParser {

    /** What a pasted URL gave: the profile, a password if one was embedded (never saved), and notes for the operator. */
    public record ParsedConnection(ConnectionProfile profile, Secret embeddedPassword, List<String> notes) {
    }

    private ConnectionUriParser() {
    }

    /**
     * Driver parameters a pasted URL may carry. Everything else is refused: some pgjdbc parameters load a class
     * or turn certificate checks off ({@code sslfactory=…NonValidatingFactory}, {@code socketFactory},
     * {@code sslhostnameverifier}, {@code sslpasswordcallback}, {@code authenticationPluginClassName}), and a
     * console that reports verify-full must not be talked out of it by a URL.
     */
    static final java.util.Set<String> ALLOWED_PARAMETERS = java.util.Set.of("ApplicationName", "application_name",
            "options", "connectTimeout", "connect_timeout", "loginTimeout", "socketTimeout", "tcpKeepAlive",
            "prepareThreshold", "targetServerType", "target_session_attrs", "currentSchema", "sslcert", "sslkey",
            "gssEncMode", "channelBinding", "pgbouncer");

    public static ParsedConnection parse(String text, String profileName) {
        if (text == null || text.isBlank()) {
            throw OperatorException.usage("The connection URL is empty",
                    "paste a postgresql://user@host:5432/database URI or a jdbc:postgresql:// URL");
        }
        String url = text.trim();
        String rest;
        if (url.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:postgresql://".length());
        } else if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw OperatorException.usage("'" + redactPassword(url) + "' is not a PostgreSQL URL",
                    "it must start with postgresql://, postgres:// or jdbc:postgresql://");
        }
        List<String> notes = new ArrayList<>();
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String database = "postgres";
        int slash = rest.indexOf('/');
        String hostPort = rest;
        if (slash >= 0) {
            hostPort = rest.substring(0, slash);
            String db = rest.substring(slash + 1);
            if (!db.isBlank()) {
                database = UrlParts.decode(db);
            }
        }
        String host;
        int port = ConnectionProfile.DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = hostPort.substring(1, close);
            if (hostPort.length() > close + 2 && hostPort.charAt(close + 1) == ':') {
                port = parsePort(hostPort.substring(close + 2));
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            if (colon >= 0) {
                port = parsePort(hostPort.substring(colon + 1));
            }
        }
        if (host.isBlank()) {
            throw OperatorException.usage("The URL '" + redactPassword(url) + "' names no host",
                    "write the host, e.g. postgresql://postgres@db.<ref>.supabase.co:5432/postgres"
                            + " (or localhost for this machine)");
        }
        String user = null;
        Secret password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = UrlParts.decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            if (colon >= 0) {
                String pw = userInfo.substring(colon + 1);
                if (pw.startsWith("[") && pw.endsWith("]")) {
                    notes.add("The URL holds the placeholder " + pw + ": the password will be asked for.");
                } else if (!pw.isEmpty()) {
                    password = Secret.of(UrlParts.decode(pw));
                    notes.add("The URL contained a password: it is used for this connection only and never saved.");
                }
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        SslMode sslMode = null;
        String rootCert = null;
        for (String pair : query.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = UrlParts.decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? UrlParts.decode(pair.substring(eq + 1)) : "";
            switch (key) {
                case "sslmode" -> sslMode = SslMode.parse(value);
                case "sslrootcert" -> rootCert = value;
                case "user" -> user = value;
                case "password" -> {
                    password = Secret.of(value);
                    notes.add("The URL contained a password: it is used for this connection only and never saved.");
                }
                default -> {
                    if (!ALLOWED_PARAMETERS.contains(key)) {
                        throw OperatorException.usage("The URL parameter '" + key + "' is not accepted: the console"
                                        + " passes only parameters that cannot load code or weaken the TLS check",
                                "remove it; TLS is chosen with sslmode and sslrootcert (allowed: sslmode, sslrootcert,"
                                        + " user, password, " + String.join(", ", new java.util.TreeSet<>(
                                        ALLOWED_PARAMETERS)) + ")");
                    }
                    options.put(key, value);
                }
            }
        }
        if (user == null || user.isBlank()) {
            user = "postgres";
        }
        ConnectionProfile profile = new ConnectionProfile(profileName, host, port, database, user, sslMode, rootCert,
                options);
        if (profile.poolerMode() == PoolerMode.TRANSACTION_POOLER) {
            notes.add(profile.poolerMode().limitation());
        }
        if (sslMode == null && !profile.isLoopback()) {
            notes.add("No sslmode given: verify-full is used for this remote host. Choose a weaker mode explicitly "
                    + "only if you must; the banner will warn.");
        }
        return new ParsedConnection(profile, password, List.copyOf(notes));
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw OperatorException.usage("'" + text + "' is not a port number", "use a number from 1 to 65535");
        }
    }

    /** For error messages: the URL with any password replaced. */
    public static String redactPassword(String url) {
        return url.replaceAll("(://[^:/@?]*:)[^@/?]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
