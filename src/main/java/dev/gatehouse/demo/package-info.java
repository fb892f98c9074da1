/**
 * The demo's data: an administrator, a user, an External AWS Account instance and, in the emulated account, the
 * SAML provider, policy and role the guide's steps make. Used by {@code gatehouse demo} and the start-up training
 * walk; may import both products' composition roots and the services it seeds through.
 */
package dev.gatehouse.demo;
