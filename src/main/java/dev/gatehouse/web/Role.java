package dev.gatehouse.web;

import io.javalin.security.RouteRole;

/** Who may call a route; the route table pins one role on every URL and {@link AccessGuard} enforces it. */
public enum Role implements RouteRole {
    /** Anyone, signed in or not (sign-in form, metadata, health). */
    ANYONE,
    /**
     * Anyone, without a CSRF check: protocol endpoints (SAML bindings) that receive cross-site POSTs by design and
     * trust nothing in them beyond what the protocol itself verifies.
     */
    PROTOCOL,
    /** A user signed in to the access portal. */
    SIGNED_IN,
    /** An administrator signed in to the admin console (HTML pages; anonymous visitors are sent to sign in). */
    ADMIN,
    /** An administrator's bearer token or admin session (JSON APIs; anonymous callers get 401). */
    ADMIN_API,
    /**
     * A user's own JSON API, called by the command line with the access token of its device sign-in (anonymous
     * callers get 401; browser sessions and administrator tokens 403, since neither is that user's token).
     */
    USER_API
}
