/**
 * The directory: users, groups, password hashing and checking, administrator tokens, the claims of active users,
 * and the SCIM 2.0 API that manages them ({@code ScimHandlers}). Whoever changes a user goes through
 * {@code Directory}, which writes the audit entry and tells {@link dev.gatehouse.directory.AccessRevocation} when a
 * user loses access. May import audit, ids, storage and web (for {@code ScimHandlers}).
 */
package dev.gatehouse.directory;
