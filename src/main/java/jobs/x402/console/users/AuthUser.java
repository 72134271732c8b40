package jobs.x402.console.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A Supabase auth user, read-only: the console never writes auth.users, Supabase Auth owns it. */
@Entity
@Immutable
@Table(schema = "auth", name = "users")
public class AuthUser {
    @Id
    private UUID id;
    private String email;
    @Column(name = "created_at")
    private OffsetDateTime createdAt;
    @Column(name = "last_sign_in_at")
    private OffsetDateTime lastSignInAt;

    protected AuthUser() {
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getLastSignInAt() {
        return lastSignInAt;
    }

    @Override
    public String toString() {
        return "AuthUser[" + id + "]";
    }
}
