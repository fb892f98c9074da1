package dev.gatehouse.mfa;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Authenticator;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.web.SignInThrottle;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The steps of signing in, shared by the portal and the admin console: the throttle, the password, then the TOTP
 * code for users who have one. Between the password and the code the user is not signed in: a short-lived
 * challenge record (its token in a cookie) remembers who passed the first step. Every failure is audited with its
 * real reason, while callers show one message for all of them. Thread-safe.
 */
public final class SignInFlow {
    /** How long the code form waits after the password. */
    public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** Wrong codes after which the challenge is dropped and the password must be given again. */
    static final int MAX_CODE_ATTEMPTS = 5;

    /** Which sign-in form is used: the portal signs in anyone active, the admin console only administrators. */
    public enum Purpose { PORTAL, ADMIN }

    /** What a step ended in. */
    public sealed interface Outcome permits Failed, SignedIn, CodeNeeded {
    }

    /** Refused; {@code reason} is for the audit log only, never for the page. */
    public record Failed(String reason) implements Outcome {
    }

    /** Both steps passed: sign the user in and continue to {@code next} (may be {@code null}). */
    public record SignedIn(User user, String next) implements Outcome {
    }

    /** The password was right and a code is needed; {@code challengeToken} goes in a cookie. */
    public record CodeNeeded(String challengeToken, Purpose purpose) implements Outcome {
    }

    private final Authenticator authenticator;
    private final UserStore users;
    private final SignInThrottle throttle;
    private final SecondFactor secondFactor;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    public SignInFlow(Authenticator authenticator, UserStore users, SignInThrottle throttle, SecondFactor secondFactor,
                      AuditLog audit, Clock clock, SecureRandom random) {
        this.authenticator = authenticator;
        this.users = users;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    /** The first step. {@code next} is kept for after the code step; it must already be a safe local path. */
    public Outcome password(Purpose purpose, String userName, String password, String address, String next) {
        if (userName == null || userName.isBlank() || userName.length() > 128) {
            return fail(purpose, userName, address, "unknown-user", true);
        }
        if (throttle.refuses(userName, address)) {
            // Refused before the password is looked at, so guessing on is pointless even when a guess is right.
            return fail(purpose, userName, address, "throttled", false);
        }
        Optional<User> user = authenticator.verify(userName, password);
        if (user.isEmpty()) {
            String reason = users.findByUserName(userName).map(u -> u.active() ? "wrong-password" : "inactive")
                    .orElse("unknown-user");
            return fail(purpose, userName, address, reason, true);
        }
        if (purpose == Purpose.ADMIN && !user.get().admin()) {
            return fail(purpose, userName, address, "not-admin", false);
        }
        if (secondFactor.enrolled(user.get().id())) {
            String token = newToken();
            secondFactor.store().createChallenge(token, user.get().id(), purpose.name(), next,
                    clock.instant().plus(CHALLENGE_LIFETIME));
            return new CodeNeeded(token, purpose);
        }
        return succeed(purpose, user.get(), address, next, "password");
    }

    /** Which form a pending challenge came from, while it is alive. */
    public Optional<Purpose> pending(String challengeToken) {
        return secondFactor.store().challenge(challengeToken).map(c -> Purpose.valueOf(c.purpose()));
    }

    /** The second step: a TOTP code or a recovery code for the user behind the challenge. */
    public Outcome code(String challengeToken, String code, String address) {
        Optional<MfaStore.Challenge> found = secondFactor.store().challenge(challengeToken);
        if (found.isEmpty()) {
            return new Failed("expired");
        }
        MfaStore.Challenge challenge = found.get();
        Purpose purpose = Purpose.valueOf(challenge.purpose());
        Optional<User> user = users.find(challenge.userId())
                .filter(User::active).filter(u -> purpose == Purpose.PORTAL || u.admin());
        if (user.isEmpty()) {
            secondFactor.store().endChallenge(challenge.id());
            return new Failed("inactive");
        }
        String userName = user.get().userName();
        if (throttle.refuses(userName, address)) {
            return fail(purpose, userName, address, "throttled", false);
        }
        Optional<SecondFactor.Method> method = secondFactor.verify(user.get().id(), userName, code);
        if (method.isEmpty()) {
            secondFactor.store().countFailedAttempt(challenge.id());
            if (challenge.attempts() + 1 >= MAX_CODE_ATTEMPTS) {
                secondFactor.store().endChallenge(challenge.id());
            }
            return fail(purpose, userName, address, "mfa-failed", true);
        }
        if (!secondFactor.store().endChallenge(challenge.id())) {
            return new Failed("expired"); // a parallel request finished this challenge first
        }
        return succeed(purpose, user.get(), address, challenge.next(),
                method.get() == SecondFactor.Method.TOTP ? "password+totp" : "password+recovery-code");
    }

    private Outcome succeed(Purpose purpose, User user, String address, String next, String factors) {
        throttle.forgetAccount(user.userName());
        audit.record(user.userName(), "SIGN_IN", user.id(), channel(purpose) + "; " + factors + "; from " + address);
        return new SignedIn(user, next);
    }

    private Outcome fail(Purpose purpose, String userName, String address, String reason, boolean counts) {
        if (counts) {
            throttle.recordFailure(userName, address);
        }
        audit.record(actor(userName), "SIGN_IN_FAILED", null,
                channel(purpose) + "; reason=" + reason + "; from " + address);
        return new Failed(reason);
    }

    private static String channel(Purpose purpose) {
        return purpose == Purpose.ADMIN ? "admin console" : "portal";
    }

    private static String actor(String userName) {
        if (userName == null || userName.isBlank()) {
            return "(blank)";
        }
        return userName.length() > 64 ? userName.substring(0, 64) + "…" : userName;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
