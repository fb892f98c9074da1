/**
 * Command-line sign-in: the OAuth 2.0 Device Authorization Grant (RFC 8628) for the public client
 * {@code gatehouse-cli}, the {@code /device} approval page, the access and refresh tokens it ends in (stored as
 * hashes, rotated, revoked with the user's other access) and the device sessions users and administrators see.
 */
package dev.gatehouse.devicelogin;
