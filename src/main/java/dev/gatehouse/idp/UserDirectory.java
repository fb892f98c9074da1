package dev.gatehouse.idp;

import java.util.Optional;

/** The identity provider's view of the directory: an active user's claims by id. Supplied at wiring time. */
@FunctionalInterface
public interface UserDirectory {
    Optional<UserClaims> activeUser(String userId);
}
