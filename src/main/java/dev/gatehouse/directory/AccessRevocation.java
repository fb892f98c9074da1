package dev.gatehouse.directory;

/**
 * Ends whatever access a user holds outside the directory (portal sessions today; refresh and device tokens
 * later: they must follow both methods) when the directory takes their access away: deactivation, deletion, or a
 * new password. The sign-in room implements it.
 */
public interface AccessRevocation {
    /** Ends every session and token of {@code userId}, on every node (they are rows in the shared database). */
    default void revokeAll(String userId) {
        revokeAllExcept(userId, null);
    }

    /**
     * Ends every session and token of {@code userId} but the session {@code keepSessionId} (a password change made
     * by the user in that session keeps it); {@code null}, or a session of someone else, keeps nothing of theirs.
     */
    void revokeAllExcept(String userId, String keepSessionId);

    /** Every part's access ends: portal sessions and the command line's device sessions, for one directory. */
    static AccessRevocation all(AccessRevocation... parts) {
        return (userId, keepSessionId) -> {
            for (AccessRevocation part : parts) {
                part.revokeAllExcept(userId, keepSessionId);
            }
        };
    }
}
