package dev.gatehouse.awsemulator.console;

import io.javalin.security.RouteRole;

/** Who may call an emulator route; {@link ConsoleAccessHandlers#guard} enforces it before any handler runs. */
public enum EmulatorRole implements RouteRole {
    /** Anyone, no CSRF check (health, sign-in page GET, static files). */
    PUBLIC,
    /** The Query API: authentication is the operation's own (SigV4 or none), no cookies, no CSRF. */
    QUERY_API,
    /** The SAML POST binding from an identity provider: cross-site by design, the assertion is the proof. */
    SAML_POST,
    /** An anonymous form post (console sign-in), protected by a double-submit CSRF cookie. */
    ANONYMOUS_FORM,
    /** Any console session, root or federated; posts carry the session's CSRF token. */
    CONSOLE,
    /** A root user's console session (the IAM console). */
    CONSOLE_ROOT
}
