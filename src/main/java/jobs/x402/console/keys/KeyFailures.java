package jobs.x402.console.keys;

import jobs.x402.console.core.ExitCode;
import jobs.x402.console.core.OperatorException;
import jobs.x402.console.db.DatabaseSession;

import java.sql.SQLException;
import java.util.UUID;

/** The keys feature's typed failures; messages carry user ids and SQL states, never a key or stored value. */
final class KeyFailures {
    private KeyFailures() {
    }

    static OperatorException database(String doing, DatabaseSession session, SQLException e) {
        // the server's message can quote a parameter (a stored value): keep only the SQL state for the operator
        String state = e.getSQLState() == null ? "no SQL state" : "SQL state " + e.getSQLState();
        if (isConnectionLoss(e)) {
            return new OperatorException(ExitCode.UNREACHABLE, "The connection to "
                    + session.identity().bannerLine() + " was lost while " + doing + " (" + state + ")",
                    "check the network and the server, then run it again", e);
        }
        return OperatorException.failure("The database refused " + doing + " on " + session.identity().bannerLine()
                + " (" + state + ")", "see the log file for the server's message", e);
    }

    static boolean isConnectionLoss(SQLException e) {
        return jobs.x402.console.db.ConnectionFailures.isConnectionLoss(e);
    }

    static OperatorException noKeyFor(UUID userId) {
        return OperatorException.usage("User " + userId + " has no OpenRouter key",
                "it may have been deleted by someone else meanwhile; refresh the list");
    }

    static OperatorException noSuchUser(UUID userId) {
        return OperatorException.usage("There is no user " + userId + " in auth.users",
                "pick an existing user (auth.users lists them)");
    }
}
