package dev.gatehouse.apps;

/** A launch of an (account, role) pair the user is not entitled to: refused with 403 before anything is signed. */
public final class NotEntitledException extends RuntimeException {
    public NotEntitledException(String message) {
        super(message);
    }
}
