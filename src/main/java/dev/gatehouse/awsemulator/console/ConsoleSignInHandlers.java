package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.account.AccountStore;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.awsemulator.cloudtrail.EventRecorder;
import dev.gatehouse.awsemulator.console.ConsolePages.SignInPage;
import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code /console/signin}: the root user signs in to the emulated console with the account id and a root secret
 * access key, throttled per account id and client address ({@link RootSignInThrottle}). Every refusal reads the
 * same, throttled or not, so the page reveals neither which accounts exist nor which are locked.
 */
public final class ConsoleSignInHandlers {
    static final Duration ROOT_SESSION = Duration.ofHours(12);
    private static final String REFUSED = "Your authentication information is incorrect. Please try again.";

    private final AccountStore accounts;
    private final Views views;
    private final Clock clock;
    private final RootSignInThrottle throttle;
    private final EventRecorder trail;

    /** @param trail keeps each root sign-in as a CloudTrail {@code ConsoleLogin} ({@code null}: none) */
    public ConsoleSignInHandlers(AccountStore accounts, Views views, Clock clock, RootSignInThrottle throttle, EventRecorder trail) {
        this.trail = trail;
        this.accounts = accounts;
        this.views = views;
        this.clock = clock;
        this.throttle = throttle;
    }

    public void page(Context ctx) {
        views.html(ctx, "awsemulator/console/signin.jte", new SignInPage(ConsoleChrome.anonymous(), ConsoleRequest.FORM_TOKEN.require(ctx),
                "", safeNext(ctx.queryParam("next")), null, ctx.queryParam("signedOut") != null));
    }

    /** {@code GET /console/signed-out}: a federated user's session has ended. */
    public void signedOut(Context ctx) {
        views.html(ctx, "awsemulator/console/signed-out.jte", new ConsolePages.SignedOutPage(ConsoleChrome.anonymous()));
    }

    public void signIn(Context ctx) {
        String accountId = trim(ctx.formParam("accountId"));
        String secret = ctx.formParam("secretAccessKey");
        String next = safeNext(ctx.formParam("next"));
        // Reserved before the secret is looked at, so a burst cannot have more attempts compared than the limit.
        Optional<RootSignInThrottle.Reservation> attempt = throttle.reserve(accountId, ctx.ip());
        RootCredential match = null;
        if (attempt.isPresent() && accountId.matches("\\d{12}") && secret != null) {
            for (RootCredential root : accounts.rootKeys(accountId)) {
                if (MessageDigest.isEqual(root.secretAccessKey().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                    match = root;
                }
            }
        }
        if (trail != null && accountId.matches("\\d{12}") && attempt.isPresent()) {
            trail.rootConsoleLogin(accountId, match != null, "https://console.aws.amazon.com" + next, ctx.ip(), ctx.userAgent());
        }
        if (match == null) {
            views.html(ctx, 401, "awsemulator/console/signin.jte", new SignInPage(ConsoleChrome.anonymous(),
                    ConsoleRequest.FORM_TOKEN.require(ctx), accountId.length() > 12 ? "" : accountId, next, REFUSED, false));
            return;
        }
        throttle.succeeded(attempt.get());
        ConsoleRequest.START_SESSION.set(ctx, new ConsoleSession(null, match.accountId(), ConsoleSessions.Kind.ROOT,
                "arn:aws:iam::" + match.accountId() + ":root", null, null, null, java.util.Map.of(), clock.instant().plus(ROOT_SESSION), null));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** Only our own console paths, so the parameter cannot send the browser elsewhere. */
    static String safeNext(String next) {
        if (next != null && next.startsWith("/console/") && !next.startsWith("//") && !next.contains("\\")
                && !next.startsWith("/console/signin") && next.length() < 500) {
            return next;
        }
        return "/console/iam";
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
