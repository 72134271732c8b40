package jobs.x402.console.db;

import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.resource.ZipResourceAccessor;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Liquibase reads the changelogs: the console's own jar (or classes directory), and nothing else. A class-path
 * accessor would search every class-path root, and a class path with an empty entry (the working directory) finds
 * the project's top-level {@code changelog/} next to the copy the build put in the jar: the same file twice, which
 * Liquibase rightly refuses. Rooting at the console's code source finds each file once, wherever it is started.
 */
public final class ConsoleResources {
    private ConsoleResources() {
    }

    /** A fresh accessor over the console's code source; the caller closes it. */
    public static ResourceAccessor changelogs() {
        Path root = codeSource();
        try {
            return Files.isDirectory(root) ? new DirectoryResourceAccessor(root) : new ZipResourceAccessor(root);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("the console's own code source " + root + " cannot be read", e);
        }
    }

    static Path codeSource() {
        try {
            return Path.of(ConsoleResources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the console's code source is not a file path", e);
        }
    }
}
