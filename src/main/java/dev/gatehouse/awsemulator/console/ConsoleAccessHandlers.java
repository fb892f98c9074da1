package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebServer;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.security.RouteRole;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The console's HTTP side of sessions: finds the caller's session from the {@code aws_console} cookie, enforces
 * each route's {@link EmulatorRole}, checks CSRF on posts (session token, or a double-submit cookie before
 * sign-in), starts the session a handler asked for once it has answered ({@link ConsoleRequest#START_SESSION}),
 * ends sessions, and turns the console's redirects and AWS errors into answers. Thread-safe.
 */
public final class ConsoleAccessHandlers {
    static final String PRE_SESSION_COOKIE = "aws_console_pre";

    private final ConsoleSessions sessions;
    private final Views views;
    private final boolean secureCookies;

    public ConsoleAccessHandlers(ConsoleSessions sessions, Views views, boolean secureCookies) {
        this.sessions = sessions;
        this.views = views;
        this.secureCookies = secureCookies;
    }

    /** Before every matched route. */
    public void guard(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            if (ctx.path().startsWith("/static/")) {
                return;
            }
            throw new IllegalStateException("route without a role: " + ctx.path());
        }
        EmulatorRole role = (EmulatorRole) roles.iterator().next();
        if (role == EmulatorRole.PUBLIC || role == EmulatorRole.QUERY_API || role == EmulatorRole.SAML_POST) {
            return;
        }
        Optional<ConsoleSession> session = sessions.find(ctx.cookie(ConsoleSessions.COOKIE));
        session.ifPresent(s -> ConsoleRequest.SESSION.set(ctx, s));
        switch (role) {
            case ANONYMOUS_FORM -> {
                checkCsrf(ctx, ctx.cookie(PRE_SESSION_COOKIE));
                ConsoleRequest.FORM_TOKEN.set(ctx, anonymousCsrf(ctx));
            }
            case CONSOLE, CONSOLE_ROOT -> {
                if (session.isEmpty()) {
                    String next = ctx.method() == HandlerType.GET ? ctx.path() : "/console/home";
                    throw new ConsoleRedirect("/console/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                }
                if (role == EmulatorRole.CONSOLE_ROOT && !session.get().isRoot()) {
                    throw new HttpError(403, "You are signed in with a federated role session. The IAM console here is for the account's root user.");
                }
                checkCsrf(ctx, session.get().csrfToken());
            }
            default -> throw new IllegalStateException("unhandled role " + role);
        }
    }

    private static void checkCsrf(Context ctx, String expected) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return;
        }
        String type = ctx.contentType();
        String sent = type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))
                ? readField(ctx, ConsoleRequest.CSRF_FIELD) : null;
        if (sent == null || expected == null
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(403, "The form has expired or did not come from this site. Reload the page and try again.");
        }
    }

    /** A form field; a body the server cannot parse (e.g. broken multipart) is the caller's error, not ours. */
    private static String readField(Context ctx, String name) {
        try {
            return ctx.formParam(name);
        } catch (Exception e) { // Jetty reports a broken multipart body as a (sneaky) ServletException
            throw new HttpError(400, "The form could not be read.");
        }
    }

    /** The CSRF token for an anonymous form, setting the double-submit cookie when the browser has none. */
    private String anonymousCsrf(Context ctx) {
        String pre = ctx.cookie(PRE_SESSION_COOKIE);
        if (pre == null || pre.length() < 20 || pre.length() > 100) {
            pre = sessions.newSecret();
            ctx.cookie(cookie(PRE_SESSION_COOKIE, pre, -1));
        }
        return pre;
    }

    /**
     * After every matched route: signs the browser in with the brand-new session a handler asked for (any earlier
     * one is ended first, so a planted cookie is worthless afterwards).
     */
    public void startRequestedSession(Context ctx) {
        ConsoleRequest.START_SESSION.find(ctx).ifPresent(session -> {
            sessions.find(ctx.cookie(ConsoleSessions.COOKIE)).ifPresent(s -> sessions.delete(s.id()));
            String token = sessions.create(session);
            ctx.cookie(cookie(ConsoleSessions.COOKIE, token, -1));
        });
    }

    /**
     * {@code POST /console/logout}: ends the session. A root user returns to the root sign-in page; a federated
     * user, who came through an identity provider and has no root key, to a page that says they signed out.
     */
    public void logout(Context ctx) {
        Optional<ConsoleSession> session = ConsoleRequest.SESSION.find(ctx);
        session.ifPresent(s -> sessions.delete(s.id()));
        ctx.cookie(cookie(ConsoleSessions.COOKIE, "", 0));
        boolean federated = session.map(s -> !s.isRoot()).orElse(false);
        ctx.redirect(federated ? "/console/signed-out" : "/console/signin?signedOut=true", HttpStatus.SEE_OTHER);
    }

    /** The frame of the emulator's error pages: the console's, with its navigation when a session is known. */
    public Chrome errorChrome(Context ctx) {
        return ConsoleRequest.SESSION.find(ctx).map(s -> ConsoleChrome.of(s, "")).orElseGet(ConsoleChrome::anonymous);
    }

    /** {@code GET /console}: the IAM console is the only service here. */
    public void consoleRoot(Context ctx) {
        ctx.redirect("/console/iam", HttpStatus.SEE_OTHER);
    }

    /** A {@link ConsoleRedirect} thrown anywhere (e.g. the guard sending a visitor to sign in) becomes a 303. */
    public void redirect(ConsoleRedirect redirect, Context ctx) {
        ctx.redirect(redirect.location(), HttpStatus.SEE_OTHER);
    }

    /** An IAM refusal on a console page outside a form (e.g. a deleted entity) shows AWS's message. */
    public void awsError(AwsError error, Context ctx) {
        WebServer.error(views, ctx, error.httpStatus(), error.getMessage());
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.LAX);
    }
}
