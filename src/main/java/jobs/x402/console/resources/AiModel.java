package jobs.x402.console.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of the model catalog (ai_models), kept in step with OpenRouter's /models by the backend's cron. */
@Entity
@Table(schema = "public", name = "ai_models")
public class AiModel {
    @Id
    private UUID id;
    @Column(name = "openrouter_id", nullable = false)
    private String openrouterId;
    @Column(name = "display_name", nullable = false)
    private String displayName;
    private String description;
    @Column(nullable = false)
    private String provider;
    @Column(nullable = false)
    private String modality;
    @Column(name = "context_length")
    private Integer contextLength;
    @Column(name = "max_tokens")
    private Integer maxTokens;
    @Column(name = "pricing_prompt")
    private String pricingPrompt;
    @Column(name = "pricing_completion")
    private String pricingCompletion;
    @Column(name = "input_cost_per_million")
    private BigDecimal inputCostPerMillion;
    @Column(name = "output_cost_per_million")
    private BigDecimal outputCostPerMillion;
    @JdbcTypeCode(SqlTypes.JSON)
    private String capabilities;
    @Column(name = "is_active")
    private Boolean active;
    @Column(name = "is_curated")
    private Boolean curated;
    @Column(name = "last_synced_at")
    private OffsetDateTime lastSyncedAt;
    @Column(name = "created_at")
    private OffsetDateTime createdAt;
    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected AiModel() {
    }

    public AiModel(UUID id, String openrouterId, String displayName, String provider, String modality) {
        this.id = id;
        this.openrouterId = openrouterId;
        this.displayName = displayName;
        this.provider = provider;
        this.modality = modality;
        this.active = true;
    }

    /** A row the catalog sync inserts; timestamps are set here because Hibernate would write NULL over defaults. */
    static AiModel newFromCatalog(String openrouterId, String displayName, String provider, String modality,
                                  OffsetDateTime now) {
        AiModel model = new AiModel(UUID.randomUUID(), openrouterId, displayName, provider, modality);
        model.curated = false;
        model.createdAt = now;
        model.updatedAt = now;
        return model;
    }

    public UUID getId() { return id; }
    public String getOpenrouterId() { return openrouterId; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getModality() { return modality; }
    public void setModality(String modality) { this.modality = modality; }
    public Integer getContextLength() { return contextLength; }
    public void setContextLength(Integer contextLength) { this.contextLength = contextLength; }
    public Integer getMaxTokens() { return maxTokens; }
    public void setMaxTokens(Integer maxTokens) { this.maxTokens = maxTokens; }
    public String getPricingPrompt() { return pricingPrompt; }
    public void setPricingPrompt(String pricingPrompt) { this.pricingPrompt = pricingPrompt; }
    public String getPricingCompletion() { return pricingCompletion; }
    public void setPricingCompletion(String pricingCompletion) { this.pricingCompletion = pricingCompletion; }
    public BigDecimal getInputCostPerMillion() { return inputCostPerMillion; }
    public void setInputCostPerMillion(BigDecimal value) { this.inputCostPerMillion = value; }
    public BigDecimal getOutputCostPerMillion() { return outputCostPerMillion; }
    public void setOutputCostPerMillion(BigDecimal value) { this.outputCostPerMillion = value; }
    public String getCapabilities() { return capabilities; }
    public void setCapabilities(String capabilitiesJson) { this.capabilities = capabilitiesJson; }
    public boolean isActive() { return Boolean.TRUE.equals(active); }
    public void setActive(boolean active) { this.active = active; }
    public boolean isCurated() { return Boolean.TRUE.equals(curated); }
    public OffsetDateTime getLastSyncedAt() { return lastSyncedAt; }
    public void setLastSyncedAt(OffsetDateTime lastSyncedAt) { this.lastSyncedAt = lastSyncedAt; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(OffsetDateTime updatedAt) { this.updatedAt = updatedAt; }

    @Override
    public String toString() {
        return "AiModel[" + openrouterId + "]";
    }
}
