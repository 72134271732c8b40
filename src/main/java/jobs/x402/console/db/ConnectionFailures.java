package jobs.x402.console.db;

import jobs.x402.console.target.ConnectionProfile;
import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns a failed connect into a sentence an operator can act on. Every outcome is exit code 3. */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /** The server or the network ended the session (08…: connection exceptions; 57P01–03: shut down, terminated). */
    public static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    public static OperatorException explain(SQLException e, ConnectionProfile profile) {
        String where = profile.user() + "@" + profile.address();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        Throwable root = rootCause(e);

        if (state.equals("28P01") || lower.contains("password authentication failed")) {
            return unreachable("Wrong password for role '" + profile.user() + "' on " + profile.address(),
                    "check the password (PGPASSWORD or the prompt); on Supabase you can reset it under "
                            + "Project Settings → Database", e);
        }
        if (state.equals("08004") && lower.contains("no password")) {
            return unreachable("The server asks for a password for role '" + profile.user() + "' and none was given",
                    "set PGPASSWORD, type it in the connection dialog, or store it in the vault", e);
        }
        if (state.equals("3D000")) {
            return unreachable("Database '" + profile.database() + "' does not exist on " + profile.host() + ":"
                    + profile.port(), "check the database name (Supabase projects use 'postgres')", e);
        }
        if (state.equals("28000")) {
            if (lower.contains("does not exist")) {
                return unreachable("Role '" + profile.user() + "' does not exist on " + profile.host(),
                        "check the user name; on the Supabase pooler it is postgres.<project-ref>", e);
            }
            return unreachable("The server refused role '" + profile.user() + "' for " + where + ": "
                    + firstLine(message), "ask the server's administrator to allow this role and address "
                    + "(pg_hba.conf / network restrictions)", e);
        }
        if (lower.contains("tenant or user not found")) {
            return unreachable("The Supabase pooler does not know user '" + profile.user() + "'",
                    "on the pooler the user is postgres.<project-ref>, exactly as the dashboard shows it", e);
        }
        if (state.equals("53300")) {
            return unreachable("The server has no free connection slots for " + where,
                    "close idle clients or retry later", e);
        }
        if (state.equals("42501")) {
            return unreachable("Role '" + profile.user() + "' lacks a privilege needed to connect: "
                    + firstLine(message), "grant CONNECT on the database to this role", e);
        }
        if (root instanceof SSLException || lower.contains("ssl")) {
            if (lower.contains("does not support ssl")) {
                return unreachable("The server at " + profile.address() + " does not offer TLS, and sslmode="
                        + profile.effectiveSslMode() + " requires it", "use a server with TLS; choose sslmode="
                        + "disable explicitly only on a network you trust", e);
            }
            if (lower.contains("hostname") && (lower.contains("does not match") || lower.contains("mismatch")
                    || lower.contains("could not be verified"))) {
                return unreachable("The certificate of " + profile.host() + " is for another name, so verify-full"
                        + " refuses it: " + firstLine(root.getMessage()), "connect with the name the certificate"
                        + " carries (for Supabase: db.<ref>.supabase.co, or the pooler's aws-0-<region>.pooler"
                        + ".supabase.com), not an IP address or an alias", e);
            }
            return unreachable("TLS with " + profile.host() + " failed (sslmode=" + profile.effectiveSslMode()
                    + "): " + firstLine(root.getMessage()), "verify-full needs the server's CA certificate: "
                    + "download it (Supabase: Database settings → SSL configuration) and give it as the CA certificate "
                    + "(the connection dialog's field, or the profile's), or choose sslmode=require explicitly (the "
                    + "banner will warn)", e);
        }
        if (root instanceof UnknownHostException) {
            return unreachable("Host '" + profile.host() + "' is unknown", "check the host name for typos and your "
                    + "DNS / VPN", e);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException
                || lower.contains("connection refused")) {
            return unreachable("Nothing accepts connections at " + profile.host() + ":" + profile.port(),
                    "check host and port, and that the server is running and reachable (firewall, VPN, "
                            + "Supabase network restrictions)", e);
        }
        if (root instanceof SocketTimeoutException || lower.contains("timed out") || lower.contains("timeout")) {
            return unreachable("Connecting to " + profile.host() + ":" + profile.port() + " timed out",
                    "check the network path; a firewall that drops packets looks like this", e);
        }
        return unreachable("Cannot connect to " + where + ": " + firstLine(message)
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), "check the connection settings", e);
    }

    private static OperatorException unreachable(String problem, String remedy, Throwable cause) {
        return new OperatorException(ExitCode.UNREACHABLE, problem, remedy, cause);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl >= 0 ? text.substring(0, nl) : text;
    }
}
