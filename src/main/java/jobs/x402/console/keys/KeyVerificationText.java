package jobs.x402.console.keys;

import jobs.x402.console.openrouter.KeyInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** The sentence both faces show for a key's check: the verdict, then what OpenRouter said of the key. */
public final class KeyVerificationText {
    private KeyVerificationText() {
    }

    /** "valid, but its limit is used up — limit $10.00 ($0.00 left, resets monthly); used $10.00 …". */
    public static String describe(VerificationResult result) {
        StringBuilder text = new StringBuilder(result.verdict().text());
        String facts = facts(result.info());
        if (!facts.isEmpty()) {
            text.append(" — ").append(facts);
        }
        if (result.problem() != null) {
            text.append(" (").append(result.problem()).append(')');
        }
        return text.toString();
    }

    /** What GET /key told, fields that are absent left out rather than printed as "null". */
    public static String facts(KeyInfo info) {
        if (info == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (info.label() != null) {
            parts.add("label " + info.label());
        }
        if (info.unlimited()) {
            parts.add("no credit limit");
        } else {
            String left = info.limitRemaining() == null ? "" : money(info.limitRemaining()) + " left";
            String reset = info.limitReset() == null ? "" : "resets " + info.limitReset();
            String detail = String.join(", ", List.of(left, reset).stream().filter(t -> !t.isEmpty()).toList());
            parts.add("limit " + money(info.limit()) + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
        if (info.usage() != null) {
            parts.add("used " + money(info.usage()) + (info.usageMonthly() == null ? ""
                    : ", " + money(info.usageMonthly()) + " this month"));
        }
        if (info.byokUsage() != null && info.byokUsage().signum() != 0) {
            parts.add(money(info.byokUsage()) + " through the user's own provider keys (BYOK"
                    + (Boolean.TRUE.equals(info.includeByokInLimit()) ? ", counted in the limit)" : ")"));
        }
        if (Boolean.TRUE.equals(info.freeTier())) {
            parts.add("free tier");
        }
        if (info.expiry() != null) {
            parts.add("expires at " + info.expiry());
        }
        return String.join("; ", parts);
    }

    private static String money(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
