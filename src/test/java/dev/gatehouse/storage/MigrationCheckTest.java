package dev.gatehouse.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The start-up shortcut that skips Flyway: it may say "up to date" only when Flyway itself would find nothing to do,
 * and on any doubt it hands over to Flyway, which migrates or fails loudly. Real H2 and PostgreSQL schemas.
 */
class MigrationCheckTest {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void freshSchemaAfterOpenIsUpToDateWithFlywaysOwnChecksums(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            for (String product : new String[] {"identity", "emulator"}) {
                String history = "schema_history_" + product;
                try (HikariDataSource ds = dataSource(db.url())) {
                    assertThat(MigrationCheck.upToDate(ds, product, history)).as("%s before any migration", product).isFalse();
                }
                Database.open(db.url(), product).close();
                try (HikariDataSource ds = dataSource(db.url())) {
                    assertThat(MigrationCheck.upToDate(ds, product, history)).as("%s after Flyway", product).isTrue();

                    Map<String, Integer> stored = storedChecksums(ds, history);
                    Map<String, Integer> computed = shippedChecksums(product);
                    assertThat(computed).as("shipped %s scripts", product).isNotEmpty();
                    assertThat(computed).as("MigrationCheck.checksum per script = Flyway's stored checksum")
                            .containsExactlyInAnyOrderEntriesOf(stored);

                    // A second open takes the shortcut and leaves the history exactly as it was.
                    Map<String, Object> before = historyRows(ds, history);
                    Database.open(db.url(), product).close();
                    assertThat(historyRows(ds, history)).isEqualTo(before);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void tamperedChecksumIsNotUpToDateAndFlywayThenRefusesToStart(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            Database.open(db.url(), "identity").close();
            try (HikariDataSource ds = dataSource(db.url())) {
                String version = lastVersion(ds, "schema_history_identity");
                update(ds, "UPDATE \"schema_history_identity\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '" + version + "'");

                assertThat(MigrationCheck.upToDate(ds, "identity", "schema_history_identity")).isFalse();
            }
            Throwable refused = catchThrowable(() -> Database.open(db.url(), "identity"));
            System.out.println(kind + ", tampered checksum: " + firstLine(refused));
            assertThat(refused).as("an edited script is a clear start-up failure, not a silent skip")
                    .isInstanceOf(FlywayException.class)
                    .hasMessageContainingAll("checksum", "mismatch");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void missingLastHistoryRowIsNotUpToDateAndFlywayTriesToReapplyIt(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            Database.open(db.url(), "identity").close();
            String version;
            try (HikariDataSource ds = dataSource(db.url())) {
                version = lastVersion(ds, "schema_history_identity");
                update(ds, "DELETE FROM \"schema_history_identity\" WHERE \"version\" = '" + version + "'");

                assertThat(MigrationCheck.upToDate(ds, "identity", "schema_history_identity")).isFalse();
            }
            // Flyway sees the script as pending and runs it again; its tables exist already, so start-up stops.
            Throwable refused = catchThrowable(() -> Database.open(db.url(), "identity"));
            System.out.println(kind + ", history row of V" + version + " deleted: " + firstLine(refused));
            assertThat(refused).isInstanceOf(FlywayException.class).hasMessageContaining(version);
            try (HikariDataSource ds = dataSource(db.url())) {
                System.out.println(kind + ", history after the failed re-run: " + historyRows(ds, "schema_history_identity"));
                assertThat(MigrationCheck.upToDate(ds, "identity", "schema_history_identity"))
                        .as("still not up to date after the failed attempt").isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failedOrUnknownHistoryRowsAreNotUpToDate(TestDatabase.Kind kind, @TempDir Path dir) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            Database.open(db.url(), "identity").close();
            try (HikariDataSource ds = dataSource(db.url())) {
                String history = "schema_history_identity";
                String version = lastVersion(ds, history);

                update(ds, "UPDATE \"" + history + "\" SET \"success\" = FALSE WHERE \"version\" = '" + version + "'");
                assertThat(MigrationCheck.upToDate(ds, "identity", history)).as("a failed run").isFalse();
                update(ds, "UPDATE \"" + history + "\" SET \"success\" = TRUE WHERE \"version\" = '" + version + "'");
                assertThat(MigrationCheck.upToDate(ds, "identity", history)).isTrue();

                // A newer build sharing the database applied a script this build does not ship.
                update(ds, "INSERT INTO \"" + history + "\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                        + " \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
                        + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 1, 'test', CURRENT_TIMESTAMP, 1, TRUE)");
                assertThat(MigrationCheck.upToDate(ds, "identity", history)).as("a script applied by a newer build").isFalse();
                Database.open(db.url(), "identity").close(); // Flyway ignores future migrations: an older node still starts
            }
            try (HikariDataSource ds = dataSource(db.url())) {
                assertThat(MigrationCheck.upToDate(ds, "identity", "schema_history_elsewhere")).as("no history table").isFalse();
            }
        }
    }

    /** Versions with dots and underscores, a byte-order mark, CRLF and non-ASCII text: Flyway and the check agree. */
    @Test
    void checksumAndVersionSpellingMatchFlywayForUnusualScripts(@TempDir Path dir) throws Exception {
        String folder = "mc_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        Path scripts = testClasses().resolve("db").resolve(folder);
        Files.createDirectories(scripts);
        try {
            Files.writeString(scripts.resolve("V1__plain.sql"), "CREATE TABLE t1 (id INT);\n");
            Files.writeString(scripts.resolve("V1_1__underscore_version.sql"),
                    "\uFEFF-- starts with a byte-order mark\r\nCREATE TABLE t2 (id INT);\r\n\r\n");
            Files.writeString(scripts.resolve("V2.0.10__dotted_version.sql"),
                    "-- Grüße, 名前, emoji \uD83D\uDD11\rCREATE TABLE t3 (name VARCHAR(20));\rINSERT INTO t3 VALUES ('é');");
            Files.writeString(scripts.resolve("notes.txt"), "not a migration");
            String url = Database.h2FileUrl(dir, "unusual");

            Database.open(url, folder).close();

            try (HikariDataSource ds = dataSource(url)) {
                String history = "schema_history_" + folder;
                assertThat(storedChecksums(ds, history)).containsOnlyKeys("1", "1.1", "2.0.10");
                assertThat(shippedChecksums(folder)).containsExactlyInAnyOrderEntriesOf(storedChecksums(ds, history));
                assertThat(MigrationCheck.upToDate(ds, folder, history)).isTrue();

                // A new script shipped by the next build: not up to date, and Flyway applies it.
                Files.writeString(scripts.resolve("V3__next_build.sql"), "CREATE TABLE t4 (id INT);\n");
                assertThat(MigrationCheck.upToDate(ds, folder, history)).isFalse();
                Database.open(url, folder).close();
                assertThat(MigrationCheck.upToDate(ds, folder, history)).isTrue();
            }
        } finally {
            try (Stream<Path> files = Files.walk(scripts)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void checksumIgnoresLineBreakStyleAndLeadingByteOrderMark() throws IOException {
        int plain = checksum("SELECT 1;\nSELECT 2;\n");
        assertThat(checksum("SELECT 1;\r\nSELECT 2;\r\n")).isEqualTo(plain);
        assertThat(checksum("SELECT 1;\rSELECT 2;")).isEqualTo(plain);
        assertThat(checksum("\uFEFFSELECT 1;\nSELECT 2;\n")).isEqualTo(plain);
        assertThat(checksum("SELECT 1;\nSELECT 3;\n")).isNotEqualTo(plain);
        assertThat(checksum("SELECT 1; \nSELECT 2;\n")).as("trailing space counts").isNotEqualTo(plain);
    }

    private static String firstLine(Throwable t) {
        return t == null ? "no exception" : t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).strip().lines()
                .filter(l -> !l.isBlank()).limit(3).reduce((x, y) -> x + " | " + y).orElse("");
    }

    private static int checksum(String text) throws IOException {
        return MigrationCheck.checksum(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static Map<String, Integer> storedChecksums(HikariDataSource ds, String history) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"checksum\" FROM \"" + history + "\" WHERE \"type\" = 'SQL'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static Map<String, Object> historyRows(HikariDataSource ds, String history) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"installed_rank\", \"version\", \"checksum\", \"installed_on\", \"success\" FROM \""
                     + history + "\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4) + "/" + rs.getString(5));
            }
        }
        return out;
    }

    private static String lastVersion(HikariDataSource ds, String history) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"" + history + "\" WHERE \"type\" = 'SQL'"
                     + " ORDER BY \"installed_rank\" DESC")) {
            assertThat(rs.next()).as("history has applied scripts").isTrue();
            return rs.getString(1);
        }
    }

    private static void update(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Version to checksum of the scripts on the class path, read independently of MigrationCheck's own listing. */
    private static Map<String, Integer> shippedChecksums(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationCheckTest.class.getClassLoader().getResource("db/" + folder).toURI());
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = VERSIONED.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try (InputStream in = Files.newInputStream(p)) {
                        out.put(m.group(1).replace('_', '.'), MigrationCheck.checksum(in));
                    }
                }
            }
        }
        return out;
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(MigrationCheckTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
