package dev.gatehouse.signin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.signin.factors.Factor;
import dev.gatehouse.signin.factors.FactorAnswer;
import dev.gatehouse.signin.factors.FactorPolicy;
import dev.gatehouse.signin.factors.PasskeyFactor;
import dev.gatehouse.signin.factors.SecondFactors;
import dev.gatehouse.signin.sources.IdentitySource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The steps of signing in, shared by the portal and the admin console: the throttle, the password (checked by the
 * first identity source that knows the name), then a second factor for users who have one. Between the password
 * and the second factor the user is not signed in: a short-lived challenge (its token in a cookie) remembers who
 * passed the first step. Every failure is audited with its real reason, while callers show one message for all of
 * them. A completed sign-in says how it was made ({@link SignInMethod}). While the {@link FactorPolicy} requires a
 * passkey of a user who has one, the second step accepts only the passkey; a user without one signs in as before
 * and is then held at the passkey page (the gate in {@code SecurityAdminHandlers}). Thread-safe.
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

    /** Every step passed: sign the user in with {@code method} and continue to {@code next} (may be {@code null}). */
    public record SignedIn(User user, SignInMethod method, String next) implements Outcome {
    }

    /** The password was right and a second factor is needed; {@code challengeToken} goes in a cookie. */
    public record CodeNeeded(String challengeToken, Purpose purpose) implements Outcome {
    }

    private final List<IdentitySource> sources;
    private final UserStore users;
    private final SignInThrottle throttle;
    private final SecondFactors factors;
    private final FactorPolicy policy;
    private final ChallengeStore challenges;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomIds ids;

    public SignInFlow(List<IdentitySource> sources, UserStore users, SignInThrottle throttle, SecondFactors factors,
                      FactorPolicy policy, ChallengeStore challenges, AuditLog audit, Clock clock, RandomIds ids) {
        this.sources = List.copyOf(sources);
        this.users = users;
        this.throttle = throttle;
        this.factors = factors;
        this.policy = policy;
        this.challenges = challenges;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /** The first step. {@code next} is kept for after the code step; it must already be a safe local path. */
    public Outcome password(Purpose purpose, String userName, String password, String address, String next) {
        if (userName == null || userName.isBlank() || userName.length() > 128) {
            return fail(purpose, userName, address, "unknown-user", true);
        }
        // Counted before the password is looked at, so a burst of guesses in parallel gets no more than the limit.
        Optional<SignInThrottle.Attempt> attempt = throttle.reserve(userName, address);
        if (attempt.isEmpty()) {
            // Refused before the password is looked at, so guessing on is pointless even when a guess is right.
            return fail(purpose, userName, address, "throttled", false);
        }
        IdentitySource.Verdict verdict = check(userName, password);
        if (verdict instanceof IdentitySource.Refused refused) {
            return fail(purpose, userName, address, refused.reason(), false); // the reservation is the failure
        }
        throttle.release(attempt.get()); // the password was right: not a failure, whatever follows
        User user = ((IdentitySource.Verified) verdict).user();
        if (purpose == Purpose.ADMIN && !user.admin()) {
            return fail(purpose, userName, address, "not-admin", false);
        }
        if (factors.enrolled(user.id()) || passkeyOnly(user)) {
            String token = ids.token();
            challenges.create(token, user.id(), purpose.name(), next, clock.instant().plus(CHALLENGE_LIFETIME));
            return new CodeNeeded(token, purpose);
        }
        return succeed(purpose, user, SignInMethod.PASSWORD, address, next);
    }

    /** Whether the policy requires a passkey of this user and the user has one to give. */
    private boolean passkeyOnly(User user) {
        return policy.passkeyRequired(user.admin()) && factors.enrolledNames(user.id()).contains(PasskeyFactor.NAME);
    }

    private IdentitySource.Verdict check(String userName, String password) {
        for (IdentitySource source : sources) {
            Optional<IdentitySource.Verdict> verdict = source.check(userName, password);
            if (verdict.isPresent()) {
                return verdict.get();
            }
        }
        return new IdentitySource.Refused("unknown-user");
    }

    /**
     * Passwordless: a passkey (already verified by {@code signin.factors.Passkeys}, user verification included)
     * names {@code userId}. Signs in an active user with {@link SignInMethod#PASSKEY}; portal only.
     */
    public Outcome passkey(String userId, String address, String next) {
        Optional<User> user = users.find(userId).filter(User::active);
        if (user.isEmpty()) {
            return fail(Purpose.PORTAL, null, address, "inactive", false);
        }
        return succeed(Purpose.PORTAL, user.get(), SignInMethod.PASSKEY, address, next);
    }

    /** A passwordless attempt whose passkey was refused: audited once, with the reason. */
    public Outcome passkeyRefused(String address, String reason) {
        return fail(Purpose.PORTAL, null, address, "passkey: " + reason, false);
    }

    /** Whose a pending challenge is and which second factors they have, while it is alive. */
    public Optional<PendingUser> pendingUser(String challengeToken) {
        return challenges.find(challengeToken).map(c -> new PendingUser(c.userId(), Purpose.valueOf(c.purpose()),
                users.find(c.userId()).filter(this::passkeyOnly).isPresent()
                        ? List.of(PasskeyFactor.NAME) : factors.enrolledNames(c.userId())));
    }

    /** The user a pending challenge belongs to, the form it came from and the names of their second factors. */
    public record PendingUser(String userId, Purpose purpose, List<String> factors) {
        public PendingUser {
            factors = List.copyOf(factors);
        }
    }

    /** Which form a pending challenge came from, while it is alive. */
    public Optional<Purpose> pending(String challengeToken) {
        return challenges.find(challengeToken).map(c -> Purpose.valueOf(c.purpose()));
    }

    /** The second step: the answer to a second factor (a TOTP code or a recovery code) for the challenge's user. */
    public Outcome secondFactor(String challengeToken, FactorAnswer answer, String address) {
        Optional<ChallengeStore.Challenge> found = challenges.find(challengeToken);
        if (found.isEmpty()) {
            return new Failed("expired");
        }
        ChallengeStore.Challenge challenge = found.get();
        Purpose purpose = Purpose.valueOf(challenge.purpose());
        Optional<User> user = users.find(challenge.userId())
                .filter(User::active).filter(u -> purpose == Purpose.PORTAL || u.admin());
        if (user.isEmpty()) {
            challenges.end(challenge.id());
            return new Failed("inactive");
        }
        String userName = user.get().userName();
        // Both counted before the code is checked: the throttle's counters, then one of the challenge's attempts.
        Optional<SignInThrottle.Attempt> attempt = throttle.reserve(userName, address);
        if (attempt.isEmpty()) {
            return fail(purpose, userName, address, "throttled", false);
        }
        if (!challenges.reserveAttempt(challenge.id(), MAX_CODE_ATTEMPTS)) {
            // Parallel codes took the last attempts: the challenge is spent, as after five wrong codes in a row.
            throttle.release(attempt.get());
            challenges.end(challenge.id());
            return new Failed("expired");
        }
        // Under a passkey rule a typed code is not enough, however right: only the origin-bound passkey counts.
        Optional<Factor> factor = passkeyOnly(user.get()) && answer.field(PasskeyFactor.NAME) == null
                ? Optional.empty() : factors.accept(user.get().id(), userName, answer);
        if (factor.isEmpty()) {
            challenges.endIfSpent(challenge.id(), MAX_CODE_ATTEMPTS);
            return fail(purpose, userName, address, "mfa-failed", false); // the reservation is the failure
        }
        throttle.release(attempt.get());
        if (!challenges.end(challenge.id())) {
            return new Failed("expired"); // a parallel request finished this challenge first
        }
        return succeed(purpose, user.get(), SignInMethod.passwordAnd(factor.get().name()), address, challenge.next());
    }

    private Outcome succeed(Purpose purpose, User user, SignInMethod method, String address, String next) {
        throttle.forgetAccount(user.userName());
        audit.record(user.userName(), "SIGN_IN", user.id(), channel(purpose) + "; " + method.name() + "; from " + address);
        return new SignedIn(user, method, next);
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
}
