/**
 * Where users and their passwords come from: the {@link dev.gatehouse.signin.sources.IdentitySource} behind the
 * password step, with the built-in directory and LDAP / Active Directory ({@link dev.gatehouse.signin.sources.LdapIdentitySource}).
 * Adding one is one new class here.
 * May import directory.
 */
package dev.gatehouse.signin.sources;
