package jobs.x402.console.resources;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;


/**
 * A paid resource as it exists before migration 005 (the columns every target has). The columns 005 adds are read
 * by the resources feature only once the migration status says they exist.
 */
@Entity
@Table(schema = "public", name = "x402_resources")
public class X402Resource extends ResourceColumns {
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

    public String getSystemPrompt() { return systemPrompt; }
    public String getParametersJson() { return parametersJson; }
    public Integer getMaxTokens() { return maxTokens; }
    public boolean allowsUserMessage() { return Boolean.TRUE.equals(allowsUserMessage); }

    @Override
    public String toString() {
        return "X402Resource[" + slug + " " + resourceType + "]";
    }
}
