package dev.gatehouse.directory;

/**
 * Ends whatever access a user holds outside the directory (portal sessions today; refresh and device tokens
 * later) when the directory takes their access away: deactivation or deletion. The sign-in room implements it.
 */
@FunctionalInterface
public interface AccessRevocation {
    /** Ends every session and token of {@code userId}, on every node (they are rows in the shared database). */
    void revokeAll(String userId);
}
