package dev.gatehouse.web;

import dev.gatehouse.ids.RandomIds;
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
 * Who is calling, what they may reach, and whether a state-changing request really comes from our own form:
 * session cookies, bearer tokens, the route-role guard and CSRF checks, in one place. Thread-safe.
 */
public final class WebSecurity {
    static final String SESSION_COOKIE = "gh_session";
    static final String PRE_SESSION_COOKIE = "gh_pre";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL_KEY = "gatehouse.principal";

    private final SessionAuthority authority;
    private final RandomIds ids;
    private final boolean secureCookies;

    public WebSecurity(SessionAuthority authority, RandomIds ids, boolean secureCookies) {
        this.authority = authority;
        this.ids = ids;
        this.secureCookies = secureCookies;
    }

    /** Before every matched route: identify the caller, enforce the route's role, then check CSRF. */
    public void guard(Context ctx) {
        Principal principal = identify(ctx).orElse(null);
        ctx.attribute(PRINCIPAL_KEY, principal);
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() && ctx.path().startsWith("/static/")) {
            return;
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException("route without a role: " + ctx.path());
        }
        Role role = (Role) roles.iterator().next();
        switch (role) {
            case ANYONE -> { }
            case PROTOCOL -> {
                return;
            }
            case SIGNED_IN -> {
                if (principal == null) {
                    redirectToSignIn(ctx, "/");
                } else if (principal.sessionId() == null) {
                    throw new HttpError(403, "This page belongs to a signed-in user's own session; bearer tokens are for the APIs.");
                }
            }
            case ADMIN -> {
                if (principal == null) {
                    redirectToSignIn(ctx, "/admin/login");
                } else if (!principal.admin()) {
                    throw new HttpError(403, "This page is for administrators.");
                }
            }
            case ADMIN_API -> {
                if (principal == null) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
                    throw new HttpError(401, "Authentication required: send an administrator's bearer token.");
                }
                if (!principal.admin()) {
                    throw new HttpError(403, "Administrator role required.");
                }
            }
            case USER_API -> {
                if (principal == null) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
                    throw new HttpError(401, "Authentication required: sign in with `gatehouse aws login`.");
                }
                if (principal.sessionId() != null || principal.userId() == null || principal.admin()) {
                    throw new HttpError(403, "This API takes the command line's access token (`gatehouse aws login`).");
                }
            }
        }
        checkCsrf(ctx, principal);
    }

    private void redirectToSignIn(Context ctx, String signInPage) {
        String target = ctx.method() == HandlerType.GET ? ctx.path() : "/";
        if (ctx.queryString() != null && ctx.method() == HandlerType.GET) {
            target += "?" + ctx.queryString();
        }
        throw new Redirect(signInPage + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    /** Who the session cookie names, without enforcing anything (for the frame of pages no guard ran for). */
    public Optional<Principal> sessionPrincipal(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        return token == null || token.isEmpty() ? Optional.empty() : authority.principalOfSession(token);
    }

    private Optional<Principal> identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<Principal> byToken = authority.principalOfBearerToken(authorization.substring(7).trim());
            if (byToken.isEmpty()) {
                throw new HttpError(401, "The bearer token is not valid.");
            }
            return byToken;
        }
        String token = ctx.cookie(SESSION_COOKIE);
        return token == null || token.isEmpty() ? Optional.empty() : authority.principalOfSession(token);
    }

    /**
     * Unsafe methods from a browser must carry the CSRF token: the session's for signed-in users, the
     * pre-session cookie's for the sign-in form. Bearer-token calls carry no ambient credential and need none.
     */
    private void checkCsrf(Context ctx, Principal principal) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return;
        }
        if (principal != null && principal.sessionId() == null) {
            return;
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && isForm(ctx)) {
            try {
                sent = ctx.formParam(CSRF_FIELD);
            } catch (RuntimeException e) {
                throw HttpError.badRequest("The form data could not be read.");
            }
        }
        String expected = principal != null ? principal.csrfToken() : ctx.cookie(PRE_SESSION_COOKIE);
        if (sent == null || expected == null
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(403, "The form has expired or did not come from this site. Reload the page and try again.");
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    /** The caller of this request, if any. */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL_KEY));
    }

    /** The caller of a route whose role guarantees one. */
    public static Principal requirePrincipal(Context ctx) {
        return principal(ctx).orElseThrow(() -> new HttpError(401, "Sign in first."));
    }

    /** Who the audit log names for this request: the caller's user name (the route's role guarantees a caller). */
    public static String actor(Context ctx) {
        return requirePrincipal(ctx).userName();
    }

    /** The token to embed in forms of this page, creating the pre-session cookie for anonymous visitors. */
    public String csrfToken(Context ctx) {
        Optional<Principal> principal = principal(ctx);
        if (principal.isPresent() && principal.get().csrfToken() != null) {
            return principal.get().csrfToken();
        }
        String pre = ctx.cookie(PRE_SESSION_COOKIE);
        if (pre == null || pre.length() < 20 || pre.length() > 100) {
            pre = ids.token();
            ctx.cookie(cookie(PRE_SESSION_COOKIE, pre, -1));
        }
        return pre;
    }

    /**
     * Hands the browser a brand-new session's token: any session the browser had is ended first, so a session
     * identifier planted before sign-in is worthless afterwards.
     */
    public void startSession(Context ctx, String sessionToken) {
        endCurrentSession(ctx);
        ctx.cookie(cookie(SESSION_COOKIE, sessionToken, -1));
    }

    public void signOut(Context ctx) {
        endCurrentSession(ctx);
        ctx.cookie(cookie(SESSION_COOKIE, "", 0));
    }

    private void endCurrentSession(Context ctx) {
        String current = ctx.cookie(SESSION_COOKIE);
        if (current != null && !current.isEmpty()) {
            authority.endSession(current);
        }
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, secureCookies, true, null, SameSite.LAX);
    }

    /** Thrown to end a request with a redirect (303 See Other). */
    public static final class Redirect extends RuntimeException {
        private final String location;

        public Redirect(String location) {
            super(null, null, false, false);
            this.location = location;
        }

        public String location() {
            return location;
        }
    }
}
