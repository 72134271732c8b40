package jobs.x402.console.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** GET /key: what OpenRouter knows of the key used for the call. A null {@code limit} means unlimited. */
public record KeyInfo(String label,
                      BigDecimal limit,
                      @JsonProperty("limit_remaining") BigDecimal limitRemaining,
                      @JsonProperty("limit_reset") String limitReset,
                      BigDecimal usage,
                      @JsonProperty("usage_daily") BigDecimal usageDaily,
                      @JsonProperty("usage_weekly") BigDecimal usageWeekly,
                      @JsonProperty("usage_monthly") BigDecimal usageMonthly,
                      @JsonProperty("is_free_tier") Boolean freeTier,
                      @JsonProperty("is_provisioning_key") Boolean provisioningKey,
                      @JsonProperty("expires_at") String expiresAt) {

    public boolean unlimited() {
        return limit == null;
    }
}
