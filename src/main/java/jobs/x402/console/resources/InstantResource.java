package jobs.x402.console.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of x402_resources with the columns migration 005 adds (openrouter_model_id, openrouter_config). Only used
 * once {@link ResourceSchema} has seen those columns; {@link X402Resource} serves targets without them.
 */
@Entity
@Table(schema = "public", name = "x402_resources")
public class InstantResource extends ResourceColumns {
    public static final String TYPE = "openrouter_instant";

    @Column(name = "pt_system_prompt")
    private String systemPromptCopy;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pt_parameters")
    private String parametersJson;
    @Column(name = "pt_max_tokens")
    private Integer maxTokensCopy;
    @Column(name = "pt_allows_user_message")
    private Boolean allowsUserMessage;
    @Column(name = "openrouter_model_id")
    private UUID openrouterModelId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "openrouter_config")
    private String openrouterConfig;

    protected InstantResource() {
    }

    static InstantResource create(UUID serverId, UUID registeredBy, String slug, OffsetDateTime now) {
        InstantResource r = new InstantResource();
        r.id = UUID.randomUUID();
        r.serverId = serverId;
        r.registeredBy = registeredBy;
        r.slug = slug;
        r.resourceType = TYPE;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }

    public String getSystemPromptCopy() { return systemPromptCopy; }
    public String getParametersJson() { return parametersJson; }
    public Integer getMaxTokensCopy() { return maxTokensCopy; }
    public boolean allowsUserMessage() { return Boolean.TRUE.equals(allowsUserMessage); }
    public UUID getOpenrouterModelId() { return openrouterModelId; }
    public String getOpenrouterConfig() { return openrouterConfig; }

    void setUrls(String resourceUrl, String normalizedUrl) {
        this.resourceUrl = resourceUrl;
        this.normalizedUrl = normalizedUrl;
    }

    void setNetwork(String network) { this.network = network; }
    void setName(String name) { this.name = name; }
    void setPayTo(String payTo) { this.payTo = payTo; }
    void setSlug(String slug) { this.slug = slug; }
    void setDescription(String description) { this.description = description; }
    void setActive(boolean active) { this.active = active; }
    void setPriceUsdc(BigDecimal priceUsdc) { this.priceUsdc = priceUsdc; }
    void setUpdatedAt(OffsetDateTime updatedAt) { this.updatedAt = updatedAt; }

    /** Writes the config and the pt_* copies the backend keeps beside it, as its create does. */
    void setInstant(UUID modelId, InstantConfig config, String parametersJson, boolean allowsUserMessage) {
        this.openrouterModelId = modelId;
        this.openrouterConfig = config.toJson();
        this.systemPromptCopy = config.systemPrompt();
        this.parametersJson = parametersJson;
        this.maxTokensCopy = config.effectiveMaxTokens();
        this.allowsUserMessage = allowsUserMessage;
    }

    @Override
    public String toString() {
        return "InstantResource[" + slug + " " + resourceType + "]";
    }
}
