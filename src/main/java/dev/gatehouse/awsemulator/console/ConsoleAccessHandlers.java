package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.web.HttpError;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
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
 * sign-in), and starts and ends sessions. Thread-safe.
 */
public final class ConsoleAccessHandlers {
    static final String PRE_SESSION_COOKIE = "aws_console_pre";
    public static final String CSRF_FIELD = "_csrf";
    private static final String SESSION_KEY = "awsemulator.console.session";

    private final ConsoleSessions sessions;
    private final boolean secureCookies;

    public ConsoleAccessHandlers(ConsoleSessions sessions, boolean secureCookies) {
        this.sessions = sessions;
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
        session.ifPresent(s -> ctx.attribute(SESSION_KEY, s));
        switch (role) {
            case ANONYMOUS_FORM -> checkCsrf(ctx, ctx.cookie(PRE_SESSION_COOKIE));
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
                ? readField(ctx, CSRF_FIELD) : null;
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

    /** The caller's console session, if the route's guard found one. */
    public static Optional<ConsoleSession> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_KEY));
    }

    /** The caller's session on a route whose role guarantees one. */
    public static ConsoleSession requireSession(Context ctx) {
        return session(ctx).orElseThrow(() -> new ConsoleRedirect("/console/signin"));
    }

    /** The CSRF token for an anonymous form, setting the double-submit cookie when the browser has none. */
    public String anonymousCsrf(Context ctx) {
        String pre = ctx.cookie(PRE_SESSION_COOKIE);
        if (pre == null || pre.length() < 20 || pre.length() > 100) {
            pre = sessions.newSecret();
            ctx.cookie(cookie(PRE_SESSION_COOKIE, pre, -1));
        }
        return pre;
    }

    /**
     * Signs the browser in with a brand-new session (any earlier one is ended first, so a planted cookie is
     * worthless afterwards).
     */
    public void startSession(Context ctx, ConsoleSession session) {
        sessions.find(ctx.cookie(ConsoleSessions.COOKIE)).ifPresent(s -> sessions.delete(s.id()));
        String token = sessions.create(session);
        ctx.cookie(cookie(ConsoleSessions.COOKIE, token, -1));
    }

    /** {@code POST /console/logout}: ends the session and returns to the sign-in page. */
    public void logout(Context ctx) {
        session(ctx).ifPresent(s -> sessions.delete(s.id()));
        ctx.cookie(cookie(ConsoleSessions.COOKIE, "", 0));
        ctx.redirect("/console/signin?signedOut=true", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.LAX);
    }
}
