package dev.gatehouse.awscli;

import dev.gatehouse.storage.PrivateFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The client's files in the user's cache directory ({@code 0700}), each {@code 0600} from its creation: the
 * sign-in ({@code session.properties}: portal, tokens) and one file of temporary AWS credentials per role.
 * Properties files, because reading one loads almost nothing: the cached path of credential_process reads only these.
 * Writes go to a temporary file renamed into place, so a parallel reader never sees half a file.
 */
final class Cache {
    static final String SESSION = "session.properties";
    private final Path dir;

    Cache(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Properties read(String name) {
        Path file = dir.resolve(name);
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) {
            return p;
        }
        // A FileInputStream rather than Files.newBufferedReader: the channel classes behind the latter cost start-up.
        try (Reader r = new java.io.InputStreamReader(new java.io.FileInputStream(file.toFile()), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return new Properties(); // a damaged cache file counts as none
        }
        return p;
    }

    void write(String name, Properties p) {
        PrivateFiles.directory(dir);
        try {
            Path tmp = Files.createTempFile(dir, ".tmp-", ".properties", PrivateFiles.fileMode());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    /** Removes every file of the client (logout). */
    void clear() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".properties")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    /**
     * The credentials file of one role; the name keeps only safe characters. Built without regular expressions or
     * string concatenation (both bootstrap method handles, which the cached path's start-up cannot afford).
     */
    static String credentialsFile(String appId, String accountId, String roleName) {
        StringBuilder b = new StringBuilder("creds-");
        safe(b, appId == null ? "any" : appId).append('-');
        safe(b, accountId).append('-');
        return safe(b, roleName).append(".properties").toString();
    }

    private static StringBuilder safe(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_.=,@+-".indexOf(c) >= 0;
            b.append(ok ? c : '_');
        }
        return b;
    }
}
