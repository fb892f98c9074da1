package dev.gatehouse.signin.sources;

import dev.gatehouse.directory.User;

import java.util.Optional;

/**
 * A place that can check a user name and password: the built-in directory today, LDAP or Active Directory next.
 * The sign-in flow asks its sources in order; the first that knows the user name decides. Implementations must
 * take about as long for an unknown name as for a wrong password, so timing does not reveal which names exist.
 */
public interface IdentitySource {
    /** What a source decided about a user name it knows. */
    sealed interface Verdict permits Verified, Refused {
    }

    /** The password is right and the user may sign in; the user is in the directory (created there if need be). */
    record Verified(User user) implements Verdict {
    }

    /** Refused, with the reason for the audit log only ({@code wrong-password}, {@code inactive}…). */
    record Refused(String reason) implements Verdict {
    }

    /** The verdict on {@code userName}, or empty when this source does not know it. */
    Optional<Verdict> check(String userName, String password);
}
