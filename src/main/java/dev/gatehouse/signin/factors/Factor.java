package dev.gatehouse.signin.factors;

/**
 * One kind of second factor, asked for after the password. Adding a kind (passkeys next) is one new class that
 * implements this, added to {@link SecondFactors} at wiring time. A factor audits its own successes; the sign-in
 * flow audits refusals once, whichever factors were tried.
 */
public interface Factor {
    /** A short, stable name: recorded in the session's sign-in method ({@code password+NAME}) and the audit log. */
    String name();

    /** Whether the user has this factor ready for sign-in. */
    boolean enrolled(String userId);

    /**
     * Whether this factor only backs another one up (recovery codes): it is accepted at sign-in, but having it
     * alone does not make a user someone who signs in with a second factor.
     */
    default boolean backup() {
        return false;
    }

    /** Checks the user's answer and spends it (each code works once); {@code true} when accepted. */
    boolean accept(String userId, String userName, FactorAnswer answer);

    /** The users who have this factor ready, in one read (the admin console's "who has what"). */
    java.util.Set<String> enrolledUsers();

    /** Removes the user's enrolment of this factor (an administrator's reset); nothing when there is none. */
    void reset(String userId);
}
