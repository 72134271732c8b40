package jobs.x402.console.session;

import jobs.x402.console.keys.HealthReport;
import jobs.x402.console.keys.KeyVerificationText;
import jobs.x402.console.keys.RotationPlan;
import jobs.x402.console.keys.RotationReport;
import jobs.x402.console.keys.VerificationResult;
import jobs.x402.console.keys.VerifyAllReport;

import java.util.Locale;
import java.util.UUID;

/** The sentences about keys that both faces show. */
public final class KeysText {
    private KeysText() {
    }

    public static String saved(KeysApi.SetKeyResult result) {
        return saved(result, result.saved().userId().toString());
    }

    public static String saved(KeysApi.SetKeyResult result, String user) {
        return (result.saved().replaced() ? "Replaced" : "Set") + " the key of " + user + ": "
                + result.saved().maskedKey() + (result.verdict() == null ? "" : " (" + result.verdict().text() + ")");
    }

    public static String enabled(UUID userId, boolean enabled) {
        return enabled(userId.toString(), enabled);
    }

    /** @param user how the face names the user: the window shows the email, the CLI the id it was given */
    public static String enabled(String user, boolean enabled) {
        return (enabled ? "Enabled" : "Disabled") + " the key of " + user;
    }

    public static String deleted(UUID userId) {
        return deleted(userId.toString());
    }

    public static String deleted(String user) {
        return "Deleted the key of " + user;
    }

    public static String verified(VerificationResult result) {
        return "Key of " + result.userId() + ": " + KeyVerificationText.describe(result);
    }

    /** One line per key: the user, then what OpenRouter said. */
    public static String verificationLine(VerificationResult result) {
        return result.userId() + "  " + KeyVerificationText.describe(result);
    }

    /** "Verified 3 keys: 2 valid, 1 invalid." — counts in words, not a map. */
    public static String verifiedAll(VerifyAllReport report) {
        return "Verified " + report.results().size() + (report.results().size() == 1 ? " key" : " keys")
                + (report.cancelled() ? " before the cancel" : "") + (report.results().isEmpty() ? "."
                : ": " + String.join(", ", report.counts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().text()).toList()) + ".");
    }

    /**
     * The counts, then one line per key that is not valid, with OpenRouter's reason: the keys an operator has to
     * act on, not only how many there are.
     */
    public static String verifiedAllWithReasons(VerifyAllReport report, java.util.function.Function<UUID, String> who) {
        StringBuilder text = new StringBuilder(verifiedAll(report));
        report.results().stream().filter(r -> r.verdict() != jobs.x402.console.keys.KeyVerdict.VALID)
                .forEach(r -> text.append('\n').append(who.apply(r.userId())).append(": ")
                        .append(KeyVerificationText.describe(r)));
        return text.toString();
    }

    public static String scanned(HealthReport report) {
        return "Health scan of " + report.table().describe() + ": " + report.total() + " rows, "
                + report.unhealthy().size() + " not ok" + (report.countsByStatus().isEmpty() ? "" : " ("
                + String.join(", ", report.countsByStatus().entrySet().stream().map(e -> e.getValue() + " "
                + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList()) + ")");
    }

    public static String rotationPlan(RotationPlan plan) {
        return "Rotation would re-encrypt " + (plan.rows() - plan.undecryptable().size()) + " rows in one"
                + " transaction; " + plan.undecryptable().size() + " do not decrypt with the current secret";
    }

    public static String rotated(RotationReport report) {
        return "Rotated " + report.rotatedRows() + " rows in " + report.millis() + " ms; excluded "
                + report.excluded().size() + "; health scan with the new secret: "
                + (report.verifiedAfter() ? "every rotated row decrypts" : "ROWS DO NOT DECRYPT");
    }
}
