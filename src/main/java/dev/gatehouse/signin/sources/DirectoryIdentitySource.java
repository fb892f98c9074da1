package dev.gatehouse.signin.sources;

import dev.gatehouse.directory.Authenticator;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;

import java.util.Optional;

/**
 * The built-in directory as an identity source: Argon2id-hashed passwords of Gatehouse's own users. An unknown
 * name costs one hash like any other attempt ({@link Authenticator}). Thread-safe.
 */
public final class DirectoryIdentitySource implements IdentitySource {
    private final Authenticator authenticator;
    private final UserStore users;

    public DirectoryIdentitySource(Authenticator authenticator, UserStore users) {
        this.authenticator = authenticator;
        this.users = users;
    }

    @Override
    public Optional<Verdict> check(String userName, String password) {
        Optional<User> verified = authenticator.verify(userName, password);
        if (verified.isPresent()) {
            return Optional.of(new Verified(verified.get()));
        }
        // Only after the hash was spent: the reason is for the audit log, never for the page.
        return users.findByUserName(userName).map(u -> new Refused(u.active() ? "wrong-password" : "inactive"));
    }
}
