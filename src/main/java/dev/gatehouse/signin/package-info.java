/**
 * Signing in to the identity center, hardened: the throttle, the password step (asked of the identity sources in
 * {@code sources}), the second-factor step (the factors in {@code factors}) and the short-lived challenge between
 * them, the sessions that result (with how each was made), sign-out, and the console's security settings.
 * Sessions and the throttle live in the database, so every node enforces them alike. May import
 * {@code signin.factors}, {@code signin.sources}, directory, audit, ids, storage and web.
 */
package dev.gatehouse.signin;
