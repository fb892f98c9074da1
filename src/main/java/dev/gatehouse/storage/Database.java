package dev.gatehouse.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An open database: a pooled connection source, a Jdbi handle factory, and the schema brought up to date by
 * ordered migrations. Each product (identity center, AWS emulator) migrates its own folder of scripts with its
 * own history table, so the two can share one database or use two. Thread-safe.
 */
public final class Database implements AutoCloseable {
    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1: another process holds the file's lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // A failed statement's message names the SQL and the driver's reason, never the bound values: those can be
        // sealed secrets, password hashes or tokens, and the message ends up in the log.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        this.postgres = postgres;
    }

    /**
     * Opens {@code jdbcUrl} and applies the migrations under {@code classpath:db/<migrations>}.
     *
     * @param migrations the migration folder and history-table suffix, e.g. {@code identity} or {@code emulator}
     */
    public static Database open(String jdbcUrl, String migrations) {
        Path h2File = h2File(jdbcUrl);
        if (h2File != null) {
            PrivateFiles.directory(h2File.getParent());
        }
        Database db = openAndMigrate(jdbcUrl, migrations);
        if (h2File != null) {
            // H2 created its files with the process umask; the directory already kept others out meanwhile.
            PrivateFiles.restrictFiles(h2File.getParent(), h2File.getFileName().toString() + ".");
        }
        return db;
    }

    private static Database openAndMigrate(String jdbcUrl, String migrations) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(16);
        config.setPoolName("db-" + migrations);
        if (jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.contains("user=")) {
            config.setUsername(System.getProperty("user.name"));
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // PostgreSQL's error details quote the failing row's values ("Failing row contains ..."): keep them out.
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }
        HikariDataSource ds;
        // An H2 file is held by one process at a time. Ask it first on a plain connection, so that "in use" becomes a
        // one-line answer instead of the pool's logged stack trace; the probe stays open until the pool holds
        // connections, so the database is not opened twice.
        try (Connection probe = jdbcUrl.startsWith("jdbc:h2:file:") ? probeH2(jdbcUrl) : null) {
            ds = new HikariDataSource(config);
        } catch (SQLException e) {
            throw new IllegalStateException("closing the probe connection to " + jdbcUrl + " failed", e);
        }
        String history = "schema_history_" + migrations;
        if (MigrationCheck.upToDate(ds, migrations, history)) {
            return new Database(ds, jdbcUrl.startsWith("jdbc:postgresql:"));
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/" + migrations)
                    .table(history)
                    .placeholderReplacement(false)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, jdbcUrl.startsWith("jdbc:postgresql:"));
    }

    private static Connection probeH2(String jdbcUrl) {
        try {
            return DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                throw new DatabaseInUseException(jdbcUrl, e);
            }
            throw new IllegalStateException("cannot open " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of an H2 file database kept under {@code dataDir}, named {@code name}. */
    public static String h2FileUrl(Path dataDir, String name) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(name) + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE"
                // No *.trace.db: H2 would write there every SQL error a caller handles (e.g. looking for a table
                // that is not there yet), growing a file nobody reads; real failures reach our log as exceptions.
                + ";TRACE_LEVEL_FILE=0";
    }

    /** The file path (without H2's {@code .mv.db}) of an H2 file URL, {@code null} for any other database. */
    static Path h2File(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String rest = jdbcUrl.substring("jdbc:h2:file:".length());
        int options = rest.indexOf(';');
        Path file = Path.of(options < 0 ? rest : rest.substring(0, options)).toAbsolutePath();
        return file.getParent() == null ? null : file;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
