package jobs.x402.console.target;

import java.util.ArrayList;
import java.util.List;

/**
 * Who and where the console is connected, read from the server itself: the facts on the target banner.
 *
 * @param role          current_user
 * @param serverVersion e.g. "17.6"
 * @param sslInUse      whether this session is encrypted (pg_stat_ssl)
 */
public record TargetIdentity(TargetKind kind, String host, int port, String database, String role,
                             String serverVersion, int serverVersionNum, boolean superuser, boolean bypassRls,
                             boolean sslInUse, SslMode sslMode, PoolerMode poolerMode, String profileName) {

    /** Warnings the banner shows next to the identity. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (kind == TargetKind.REMOTE && sslMode.isWeakerThanVerifyFull()) {
            warnings.add("sslmode=" + sslMode + ": the server's certificate and name are not fully verified");
        }
        if (kind == TargetKind.REMOTE && !sslInUse) {
            warnings.add("this session is NOT encrypted");
        }
        if (!poolerMode.limitation().isEmpty()) {
            warnings.add("transaction pooler: migrations, probes and rotation need the direct or session port");
        }
        return warnings;
    }

    /** "host · database · role · PostgreSQL 17.6 · superuser · sandbox": one line for banners and CLI headers. */
    /** "superuser", or what a hosted Supabase operator is: "not superuser · BYPASSRLS". */
    public String privileges() {
        if (superuser) {
            return "superuser";
        }
        return bypassRls ? "not superuser · BYPASSRLS" : "not superuser";
    }

    public String bannerLine() {
        StringBuilder line = new StringBuilder()
                .append(host).append(':').append(port).append(" · ").append(database).append(" · ").append(role)
                .append(" · PostgreSQL ").append(serverVersion);
        line.append(" · ").append(privileges());
        line.append(" · ").append(kind.name().toLowerCase(java.util.Locale.ROOT));
        return line.toString();
    }
}
