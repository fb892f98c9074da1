/**
 * Signing in, hardened: the password step behind the sign-in throttle, the TOTP second factor (RFC 6238) with its
 * enrolment, QR code and one-time recovery codes, the pending challenge between the two steps, and the setting that
 * makes the second factor mandatory for administrators. May import directory, keys (the master key), audit,
 * web and storage.
 */
package dev.gatehouse.mfa;
