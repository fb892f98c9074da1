package dev.gatehouse.storage;

import dev.gatehouse.testing.Peers;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh, empty database for one test: an H2 file in the test's temporary directory, or a new schema
 * {@code gh_<random>} in PostgreSQL's database {@code test} on 127.0.0.1:5432 (user {@code postgres}, trust
 * authentication), dropped on {@link #close()}. Without a reachable PostgreSQL the test is skipped with the reason
 * printed, or fails when {@code CI=true}, as {@link Peers#require} does for other peers.
 */
public final class TestDatabase implements AutoCloseable {
    /** Which server a test runs against. */
    public enum Kind { H2, POSTGRESQL }

    public static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Kind kind;
    private final String url;
    private final String schema;

    private TestDatabase(Kind kind, String url, String schema) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
    }

    /** A fresh database of {@code kind}; H2's file lies in {@code dir}. */
    public static TestDatabase create(Kind kind, Path dir) {
        return create(kind, dir, "gatehouse");
    }

    /** A fresh database of {@code kind}; H2's file is {@code dir/h2Name}. */
    public static TestDatabase create(Kind kind, Path dir, String h2Name) {
        if (kind == Kind.H2) {
            return new TestDatabase(kind, Database.h2FileUrl(dir, h2Name), null);
        }
        requirePostgres();
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String schema = "gh_" + HexFormat.of().formatHex(suffix);
        execute("CREATE SCHEMA " + schema);
        return new TestDatabase(kind, POSTGRES_SERVER + "&currentSchema=" + schema, schema);
    }

    /** Skips (printing why) when PostgreSQL does not answer on 127.0.0.1:5432; fails instead when {@code CI=true}. */
    public static void requirePostgres() {
        String problem = null;
        try (Connection ignored = DriverManager.getConnection(POSTGRES_SERVER)) {
            // reachable
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        Peers.require(problem == null, "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres): "
                + problem + " (.ci/run starts it with pg_ctlcluster)");
    }

    public Kind kind() {
        return kind;
    }

    /** The JDBC URL to hand to {@code --db}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (schema != null) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_SERVER); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
