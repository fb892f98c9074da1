/**
 * The directory: users, groups, password hashing and checking, administrator tokens, and the SCIM 2.0 API that
 * manages them. May import storage, audit and web (for {@code ScimHandlers} and the {@code PrincipalResolver} it
 * supplies); never apps, idp or admin.
 */
package dev.gatehouse.directory;
