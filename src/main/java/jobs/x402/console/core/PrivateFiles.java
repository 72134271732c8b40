package jobs.x402.console.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Files and folders the console writes are private from the moment they exist: folders 0700, files 0600, created
 * with those modes rather than tightened afterwards, so a failed or interrupted write never leaves a readable file.
 * On a file system without POSIX modes the user's own folder protection applies.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates the folder and any missing parents, each 0700; folders that already exist are left as they are. */
    public static Path createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            try {
                if (posix(next.getParent())) {
                    Files.createDirectory(next, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                } else {
                    Files.createDirectory(next);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process made it meanwhile: fine
            }
        }
        return absolute;
    }

    /** The same, as an unchecked failure for callers that cannot go on without the folder. */
    public static Path ensureDirectory(Path directory) {
        try {
            return createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /** Creates an empty 0600 file (and its 0700 folders) unless it exists; an existing file is left as it is. */
    public static Path ensureFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        createDirectories(absolute.getParent());
        if (!Files.exists(absolute)) {
            try {
                Files.createFile(absolute, fileAttributes(absolute.getParent()));
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile
            }
        }
        return absolute;
    }

    /** Creates a new 0600 file; refuses when it exists (a backup is never overwritten). */
    public static Path createNewFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        createDirectories(absolute.getParent());
        return Files.createFile(absolute, fileAttributes(absolute.getParent()));
    }

    private static FileAttribute<?>[] fileAttributes(Path directory) throws IOException {
        return posix(directory) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path directory) throws IOException {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }
}
