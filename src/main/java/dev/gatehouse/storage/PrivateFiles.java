package dev.gatehouse.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps a data directory to its owner: the directory {@code 0700}, its files {@code 0600}. The JVM cannot set a
 * umask, and H2 creates its files with the process's (often {@code 0644}), so the modes are set here: the
 * directory on creation (or tightened when it exists), its files after the database has opened them. The
 * directory's own mode is what keeps other users out of files created later (H2's trace and temporary files).
 * Does nothing on file systems without POSIX permissions.
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) as {@code 0700}, or tightens an existing one to that. */
    public static Path directory(Path dir) {
        try {
            if (!POSIX) {
                return Files.createDirectories(dir);
            }
            if (Files.isDirectory(dir)) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
                return dir;
            }
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(DIRECTORY);
            return Files.createDirectories(dir, mode); // created with the mode: never readable by others
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private directory " + dir, e);
        }
    }

    /** The mode of a private file, to create one with from the start ({@code Files.createFile(path, mode())}). */
    public static FileAttribute<?>[] fileMode() {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Sets every regular file directly in {@code dir} whose name starts with {@code prefix} to {@code 0600}. */
    public static void restrictFiles(Path dir, String prefix) {
        if (!POSIX || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)).toList()) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the files in " + dir + " private", e);
        }
    }
}
