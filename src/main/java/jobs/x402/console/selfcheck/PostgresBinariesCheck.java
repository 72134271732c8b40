package jobs.x402.console.selfcheck;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * The sandbox's PostgreSQL binaries for this platform are bundled: the archive zonky extracts on the first
 * {@code sandbox start} is on the class path and is an xz stream. Nothing is extracted here.
 */
final class PostgresBinariesCheck implements StartupCheck {
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    @Override
    public String name() {
        return "postgres-binaries";
    }

    @Override
    public String description() {
        return "embedded PostgreSQL binaries for this platform are bundled";
    }

    @Override
    public String run() throws Exception {
        String system = zonkySystemName(System.getProperty("os.name"));
        String hardware = ArchUtils.normalize(System.getProperty("os.arch"));
        InputStream found;
        try {
            found = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, hardware);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("no PostgreSQL binaries for " + system + "/" + hardware
                    + " are bundled: this package was built for another platform", e);
        }
        if (system.equals("Linux")) {
            requireRootDetection();
        }
        try (InputStream archive = found) {
            byte[] head = archive.readNBytes(XZ_MAGIC.length);
            if (!Arrays.equals(head, XZ_MAGIC)) {
                throw new IllegalStateException("the PostgreSQL archive for " + system + "/" + hardware
                        + " is not an xz stream");
            }
            long size = head.length + archive.transferTo(OutputStream.nullOutputStream());
            return "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz, "
                    + size / 1024 / 1024 + " MiB";
        }
    }

    /**
     * Zonky detects root through com.sun.security.auth.module.UnixSystem (module jdk.security.auth) and only then
     * wraps initdb in {@code unshare -U}; without the module a sandbox started as root dies with "initdb: cannot be
     * run as root".
     */
    private static void requireRootDetection() {
        try {
            Class.forName("com.sun.security.auth.module.UnixSystem");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("module jdk.security.auth is missing from the runtime: the sandbox"
                    + " cannot start as root (zonky needs it to detect root and use unshare)", e);
        }
    }

    /** Zonky's names for the operating systems it ships binaries for. */
    static String zonkySystemName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Windows";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "Darwin";
        }
        return "Linux";
    }

}
