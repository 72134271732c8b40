package jobs.x402.console.keys;

import jobs.x402.console.core.AuditLog;
import jobs.x402.console.target.TargetIdentity;

import java.util.Map;
import java.util.UUID;

/**
 * The key actions' entries in the local audit log: who (OS user, database role), what, which user id, when, result.
 * Callers pass identifiers, statuses and counts only; this class has no parameter that could carry a key or secret.
 */
public final class KeyAudit {
    private final AuditLog log;
    private final TargetIdentity target;

    public KeyAudit(AuditLog log, TargetIdentity target) {
        this.log = log;
        this.target = target;
    }

    public void record(String action, UUID userId, String result, Map<String, Object> details) {
        log.append(target.role(), target.host() + ":" + target.port() + "/" + target.database(), "keys." + action,
                userId == null ? "" : userId.toString(), result, details);
    }

    public void record(String action, UUID userId, String result) {
        record(action, userId, result, Map.of());
    }
}
