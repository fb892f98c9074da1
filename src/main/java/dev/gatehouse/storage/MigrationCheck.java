package dev.gatehouse.storage;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Answers, without starting Flyway, whether a schema is exactly at the migrations shipped in this build: every
 * versioned script applied successfully with the checksum Flyway computes (CRC32 over the script's lines), and
 * nothing else. Starting Flyway costs about as much as the rest of start-up together, and on a restart the answer
 * is almost always yes; whenever it is not (new scripts, an edited script, a failed run, no history yet),
 * {@link Database} hands the schema to Flyway as before, which migrates or reports the problem.
 */
final class MigrationCheck {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    private MigrationCheck() {
    }

    /** {@code true} only when the history table holds exactly the shipped scripts, all successful, same checksums. */
    static boolean upToDate(DataSource ds, String migrations, String historyTable) {
        Map<String, Integer> shipped = shippedChecksums("db/" + migrations);
        if (shipped == null || shipped.isEmpty()) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"type\", \"version\", \"checksum\", \"success\" FROM \"" + historyTable + "\"")) {
            while (rs.next()) {
                String type = rs.getString(1);
                if (!rs.getBoolean(4) || (!"SQL".equals(type) && !"TABLE".equals(type) && !"BASELINE".equals(type))) {
                    return false;
                }
                if ("SQL".equals(type)) {
                    int checksum = rs.getInt(3);
                    applied.put(rs.getString(2), rs.wasNull() ? null : checksum);
                }
            }
        } catch (SQLException e) {
            return false; // no history table yet, or another engine's spelling: Flyway will know
        }
        return applied.equals(shipped);
    }

    /** Version to Flyway checksum of every {@code V<version>__*.sql} under {@code folder}; null if unreadable. */
    private static Map<String, Integer> shippedChecksums(String folder) {
        URL url = MigrationCheck.class.getClassLoader().getResource(folder);
        if (url == null) {
            return null;
        }
        Map<String, Integer> out = new HashMap<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry e = entries.nextElement();
                        if (e.getName().startsWith(folder + "/") && e.getName().indexOf('/', folder.length() + 1) < 0) {
                            try (InputStream in = jar.getInputStream(e)) {
                                add(out, e.getName().substring(folder.length() + 1), in);
                            }
                        }
                    }
                }
            } else if ("file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    for (Path p : files.toList()) {
                        try (InputStream in = Files.newInputStream(p)) {
                            add(out, p.getFileName().toString(), in);
                        }
                    }
                }
            } else {
                return null;
            }
        } catch (IOException | URISyntaxException | UncheckedIOException e) {
            return null;
        }
        return out;
    }

    private static void add(Map<String, Integer> out, String fileName, InputStream in) throws IOException {
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches()) {
            if (fileName.endsWith(".sql")) {
                throw new IOException("not a versioned migration: " + fileName); // e.g. repeatable: let Flyway decide
            }
            return;
        }
        out.put(m.group(1).replace('_', '.'), checksum(in));
    }

    /** Flyway's checksum: CRC32 over each line's UTF-8 bytes without line breaks, BOM dropped from the first. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
        String line = reader.readLine();
        if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        while (line != null) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
            line = reader.readLine();
        }
        return (int) crc.getValue();
    }
}
