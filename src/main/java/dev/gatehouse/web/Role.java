package dev.gatehouse.web;

import io.javalin.security.RouteRole;

/** Who may call a route; the route table pins one role on every URL and {@link AccessGuard} enforces it. */
public enum Role implements RouteRole {
    /** Anyone, signed in or not (sign-in form, metadata, health). */
    ANYONE,
    /** A user signed in to the access portal. */
    SIGNED_IN,
    /** An administrator signed in to the admin console (HTML pages; anonymous visitors are sent to sign in). */
    ADMIN,
    /** An administrator's bearer token or admin session (JSON APIs; anonymous callers get 401). */
    ADMIN_API
}
