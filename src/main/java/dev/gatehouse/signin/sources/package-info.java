/**
 * Where users and their passwords come from: the {@link dev.gatehouse.signin.sources.IdentitySource} behind the
 * password step, with the built-in directory as the first source. Adding one (LDAP next) is one new class here.
 * May import directory.
 */
package dev.gatehouse.signin.sources;
