package jobs.x402.console.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of migration 005's key table ({@code user_openrouter_integrations}; the shipped variant's name is mapped by the session): one user's encrypted OpenRouter key. */
@Entity
@Table(schema = "public", name = "user_openrouter_integrations")
public class OpenRouterIntegration {
    @Id
    @Column(name = "user_id")
    private UUID userId;
    @Column(name = "encrypted_api_key", nullable = false)
    private String encryptedApiKey;
    @Column(name = "is_valid")
    private Boolean valid;
    @Column(name = "last_verified_at")
    private OffsetDateTime lastVerifiedAt;
    @Column(name = "is_enabled")
    private Boolean enabled;
    // both are the database's: defaults on insert, the updated_at trigger on update
    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;
    @Column(name = "updated_at", insertable = false, updatable = false)
    private OffsetDateTime updatedAt;

    protected OpenRouterIntegration() {
    }

    public UUID getUserId() {
        return userId;
    }

    /** The {@code ivhex:cthex} value; never log or show it. */
    public String getEncryptedApiKey() {
        return encryptedApiKey;
    }

    public Boolean getValid() {
        return valid;
    }

    public OffsetDateTime getLastVerifiedAt() {
        return lastVerifiedAt;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public String toString() {
        return "OpenRouterIntegration[" + userId + ", enabled=" + enabled + ", valid=" + valid + "]";
    }
}
