package dev.gatehouse.portal;

import dev.gatehouse.directory.User;

import java.util.Optional;

/** Checks a user name and password; the directory's authenticator at wiring time. */
@FunctionalInterface
public interface PasswordCheck {
    /** The active user with these credentials, or empty (wrong password, unknown or inactive user alike). */
    Optional<User> verify(String userName, String password);
}
