package dev.gatehouse.directory;

import dev.gatehouse.ids.RandomIds;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Checks a userName and password. Every attempt costs one Argon2id computation, whether the user exists or not,
 * so response times do not tell an attacker which userNames exist. Thread-safe.
 */
public final class Authenticator {
    private final UserStore users;
    private final PasswordHasher hasher;
    // Verified against when there is no real hash, so an unknown user costs the same as a wrong password. Made on
    // a background thread: the first hash also loads the native Argon2 library, which would lengthen start-up.
    private final CompletableFuture<String> decoyHash;

    public Authenticator(UserStore users, PasswordHasher hasher, RandomIds ids) {
        this.users = users;
        this.hasher = hasher;
        String decoyPassword = ids.base64(24);
        this.decoyHash = CompletableFuture.supplyAsync(() -> hasher.hash(decoyPassword));
    }

    /** The user, when {@code userName} exists, is active and {@code password} is theirs; otherwise empty. */
    public Optional<User> verify(String userName, String password) {
        if (userName == null || password == null || userName.length() > 128
                || password.length() > DirectoryRules.MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        Optional<UserStore.Credentials> credentials = users.credentialsOf(userName);
        String hash = credentials.map(UserStore.Credentials::passwordHash).orElse(null);
        boolean matches = hasher.verify(password, hash != null ? hash : decoyHash.join()) && hash != null;
        if (!matches || !credentials.get().user().active()) {
            return Optional.empty();
        }
        return Optional.of(credentials.get().user());
    }
}
