package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.account.AccountStore;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.awsemulator.console.ConsolePages.SignInPage;
import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code /console/signin}: the root user signs in to the emulated console with the account id and a root secret
 * access key. Every refusal reads the same, so the page does not reveal which accounts exist.
 */
public final class ConsoleSignInHandlers {
    static final Duration ROOT_SESSION = Duration.ofHours(12);
    private static final String REFUSED = "Your authentication information is incorrect. Please try again.";

    private final AccountStore accounts;
    private final Views views;
    private final Clock clock;

    public ConsoleSignInHandlers(AccountStore accounts, Views views, Clock clock) {
        this.accounts = accounts;
        this.views = views;
        this.clock = clock;
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
        RootCredential match = null;
        if (accountId.matches("\\d{12}") && secret != null) {
            for (RootCredential root : accounts.rootKeys(accountId)) {
                if (MessageDigest.isEqual(root.secretAccessKey().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                    match = root;
                }
            }
        }
        if (match == null) {
            views.html(ctx, 401, "awsemulator/console/signin.jte", new SignInPage(ConsoleChrome.anonymous(),
                    ConsoleRequest.FORM_TOKEN.require(ctx), accountId.length() > 12 ? "" : accountId, next, REFUSED, false));
            return;
        }
        ConsoleRequest.START_SESSION.set(ctx, new ConsoleSession(null, match.accountId(), ConsoleSessions.Kind.ROOT,
                "arn:aws:iam::" + match.accountId() + ":root", null, null, null, clock.instant().plus(ROOT_SESSION), null));
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
