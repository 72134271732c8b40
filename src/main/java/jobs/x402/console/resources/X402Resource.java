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

/**
 * A paid resource as it exists before migration 005 (the columns every target has). The columns 005 adds are read
 * by the resources feature only once the migration status says they exist.
 */
@Entity
@Table(schema = "public", name = "x402_resources")
public class X402Resource {
    @Id
    private UUID id;
    @Column(name = "resource_url", nullable = false)
    private String resourceUrl;
    @Column(nullable = false)
    private String network;
    @Column(nullable = false)
    private String name;
    @Column(name = "pay_to", nullable = false)
    private String payTo;
    @Column(name = "normalized_url", nullable = false)
    private String normalizedUrl;
    private String slug;
    private String description;
    @Column(name = "server_id")
    private UUID serverId;
    @Column(name = "registered_by")
    private UUID registeredBy;
    @Column(name = "is_active")
    private Boolean active;
    @Column(name = "resource_type", nullable = false)
    private String resourceType;
    @Column(name = "price_usdc")
    private BigDecimal priceUsdc;
    @Column(name = "created_at")
    private OffsetDateTime createdAt;
    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;
    @Column(name = "pt_system_prompt")
    private String systemPrompt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pt_parameters")
    private String parametersJson;
    @Column(name = "pt_max_tokens")
    private Integer maxTokens;
    @Column(name = "pt_allows_user_message")
    private Boolean allowsUserMessage;

    protected X402Resource() {
    }

    public UUID getId() { return id; }
    public String getResourceUrl() { return resourceUrl; }
    public String getNetwork() { return network; }
    public String getName() { return name; }
    public String getPayTo() { return payTo; }
    public String getNormalizedUrl() { return normalizedUrl; }
    public String getSlug() { return slug; }
    public String getDescription() { return description; }
    public UUID getServerId() { return serverId; }
    public UUID getRegisteredBy() { return registeredBy; }
    public boolean isActive() { return Boolean.TRUE.equals(active); }
    public String getResourceType() { return resourceType; }
    public BigDecimal getPriceUsdc() { return priceUsdc; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
    public String getSystemPrompt() { return systemPrompt; }
    public String getParametersJson() { return parametersJson; }
    public Integer getMaxTokens() { return maxTokens; }
    public boolean allowsUserMessage() { return Boolean.TRUE.equals(allowsUserMessage); }

    @Override
    public String toString() {
        return "X402Resource[" + slug + " " + resourceType + "]";
    }
}
