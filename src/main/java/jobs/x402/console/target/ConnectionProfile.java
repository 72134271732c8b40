package jobs.x402.console.target;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A saved way to reach a database. Never holds a password: that comes from a prompt, {@code PGPASSWORD} or the vault.
 *
 * @param sslMode     null means "the default for this host" (see {@link #effectiveSslMode()})
 * @param sslRootCert path of the CA certificate for verify-ca / verify-full, or null for pgjdbc's default location
 * @param options     further JDBC parameters kept from a pasted URL (application_name, options, ...)
 * @param schemaVariant the shape of migration 005 on this target when the operator chose it; null means detect
 */
public record ConnectionProfile(String name, String host, int port, String database, String user, SslMode sslMode,
                                String sslRootCert, Map<String, String> options, SchemaVariant schemaVariant) {

    public static final int DEFAULT_PORT = 5432;

    public ConnectionProfile {
        options = options == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(options));
        if (port <= 0) {
            port = DEFAULT_PORT;
        }
    }

    public ConnectionProfile(String name, String host, int port, String database, String user, SslMode sslMode,
                             String sslRootCert, Map<String, String> options) {
        this(name, host, port, database, user, sslMode, sslRootCert, options, null);
    }

    public ConnectionProfile withSchemaVariant(SchemaVariant variant) {
        return new ConnectionProfile(name, host, port, database, user, sslMode, sslRootCert, options, variant);
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(newName, host, port, database, user, sslMode, sslRootCert, options, schemaVariant);
    }

    public ConnectionProfile withUser(String newUser) {
        return new ConnectionProfile(name, host, port, database, newUser, sslMode, sslRootCert, options, schemaVariant);
    }

    public ConnectionProfile withSslMode(SslMode mode) {
        return new ConnectionProfile(name, host, port, database, user, mode, sslRootCert, options, schemaVariant);
    }

    public ConnectionProfile withSslRootCert(String path) {
        return new ConnectionProfile(name, host, port, database, user, sslMode, path, options, schemaVariant);
    }

    @JsonIgnore
    public boolean isLoopback() {
        return isLoopbackHost(host);
    }

    /** Non-loopback hosts default to verify-full: a weaker mode must be chosen explicitly. */
    @JsonIgnore
    public SslMode effectiveSslMode() {
        if (sslMode != null) {
            return sslMode;
        }
        return isLoopback() ? SslMode.PREFER : SslMode.VERIFY_FULL;
    }

    @JsonIgnore
    public PoolerMode poolerMode() {
        return PoolerMode.detect(host, port);
    }

    @JsonIgnore
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostForUrl()).append(':').append(port)
                .append('/').append(UrlParts.encode(database));
        Map<String, String> params = new LinkedHashMap<>(options);
        params.put("sslmode", effectiveSslMode().parameter());
        if (sslRootCert != null && !sslRootCert.isBlank()) {
            params.put("sslrootcert", sslRootCert);
        }
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(UrlParts.encode(param.getKey())).append('=')
                    .append(UrlParts.encode(param.getValue()));
            separator = '&';
        }
        return url.toString();
    }

    /** host:port/database as the banner shows it. */
    @JsonIgnore
    public String address() {
        return host + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static boolean isLoopbackHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.startsWith("/")) {
            return true; // a Unix socket directory is local too
        }
        if (h.matches("[0-9.]+") || h.contains(":")) {
            try {
                return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
