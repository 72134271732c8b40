package jobs.x402.console.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The columns of x402_resources every target has. Two entities map the table: {@link X402Resource} for targets
 * before migration 005, {@link InstantResource} with the columns 005 adds; both share these.
 */
@MappedSuperclass
public abstract class ResourceColumns {
    @Id
    protected UUID id;
    @Column(name = "resource_url", nullable = false)
    protected String resourceUrl;
    @Column(nullable = false)
    protected String network;
    @Column(nullable = false)
    protected String name;
    @Column(name = "pay_to", nullable = false)
    protected String payTo;
    @Column(name = "normalized_url", nullable = false)
    protected String normalizedUrl;
    protected String slug;
    protected String description;
    @Column(name = "server_id")
    protected UUID serverId;
    @Column(name = "registered_by")
    protected UUID registeredBy;
    @Column(name = "is_active")
    protected Boolean active;
    @Column(name = "resource_type", nullable = false)
    protected String resourceType;
    @Column(name = "price_usdc")
    protected BigDecimal priceUsdc;
    @Column(name = "created_at")
    protected OffsetDateTime createdAt;
    @Column(name = "updated_at")
    protected OffsetDateTime updatedAt;

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
}
