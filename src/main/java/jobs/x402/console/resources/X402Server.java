package jobs.x402.console.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered x402 server; its registered_by is the creator whose OpenRouter key runs its instant resources. */
@Entity
@Table(schema = "public", name = "x402_servers")
public class X402Server {
    @Id
    private UUID id;
    @Column(name = "registered_by")
    private UUID registeredBy;
    @Column(nullable = false)
    private String name;
    private String slug;
    private String description;
    @Column(name = "origin_url")
    private String originUrl;
    @Column(name = "is_hosted", nullable = false)
    private boolean hosted;
    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected X402Server() {
    }

    public UUID getId() { return id; }
    public UUID getRegisteredBy() { return registeredBy; }
    public String getName() { return name; }
    public String getSlug() { return slug; }
    public String getDescription() { return description; }
    public String getOriginUrl() { return originUrl; }
    public boolean isHosted() { return hosted; }
    public OffsetDateTime getCreatedAt() { return createdAt; }

    @Override
    public String toString() {
        return "X402Server[" + slug + "]";
    }
}
