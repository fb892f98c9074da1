package dev.gatehouse.storage;

/**
 * The embedded database file is held by another running process (a demo or a server), which H2 allows only one
 * of. Commands turn it into a one-line message instead of a stack trace.
 */
public final class DatabaseInUseException extends RuntimeException {
    public DatabaseInUseException(String jdbcUrl, Throwable cause) {
        super("The database " + jdbcUrl + " is in use by another process.", cause);
    }
}
