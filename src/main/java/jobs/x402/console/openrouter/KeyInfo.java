package jobs.x402.console.openrouter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * GET /key: what OpenRouter knows of the key used for the call. A null {@code limit} means unlimited. A 200 says the
 * key exists, not that it can pay for a call: {@code limit_remaining} at or below zero means the next call fails
 * with 402, and {@code expires_at} in the past means it stops working.
 *
 * @param managementKey  the key manages other keys and cannot run completions ({@code is_provisioning_key} is its
 *                       deprecated name, still read)
 * @param byokUsage      spend through the user's own provider keys (BYOK), same periods as {@code usage}
 */
public record KeyInfo(String label,
                      BigDecimal limit,
                      @JsonProperty("limit_remaining") BigDecimal limitRemaining,
                      @JsonProperty("limit_reset") String limitReset,
                      BigDecimal usage,
                      @JsonProperty("usage_daily") BigDecimal usageDaily,
                      @JsonProperty("usage_weekly") BigDecimal usageWeekly,
                      @JsonProperty("usage_monthly") BigDecimal usageMonthly,
                      @JsonProperty("byok_usage") BigDecimal byokUsage,
                      @JsonProperty("byok_usage_daily") BigDecimal byokUsageDaily,
                      @JsonProperty("byok_usage_weekly") BigDecimal byokUsageWeekly,
                      @JsonProperty("byok_usage_monthly") BigDecimal byokUsageMonthly,
                      @JsonProperty("include_byok_in_limit") Boolean includeByokInLimit,
                      @JsonProperty("is_free_tier") Boolean freeTier,
                      @JsonProperty("is_management_key") Boolean managementKey,
                      @JsonProperty("is_provisioning_key") Boolean provisioningKey,
                      @JsonProperty("expires_at") String expiresAt) {

    public boolean unlimited() {
        return limit == null;
    }

    /** A limit is set and nothing of it is left: the key answers /key but every paid call fails with 402. */
    @JsonIgnore
    public boolean limitUsedUp() {
        return limit != null && limitRemaining != null && limitRemaining.signum() <= 0;
    }

    /** A management (provisioning) key: it manages keys and cannot run a resource. */
    @JsonIgnore
    public boolean isManagementKey() {
        return Boolean.TRUE.equals(managementKey) || Boolean.TRUE.equals(provisioningKey);
    }

    /** When the key stops working, or null when it never expires (or the date is unreadable). */
    @JsonIgnore
    public Instant expiry() {
        if (expiresAt == null || expiresAt.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** True when {@code expires_at} lies before {@code now}. */
    public boolean expiredAt(Instant now) {
        Instant expiry = expiry();
        return expiry != null && !expiry.isAfter(now);
    }
}
