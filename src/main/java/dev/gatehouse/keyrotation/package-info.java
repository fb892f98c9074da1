/**
 * Signing-key rotation that reaches AWS: a worker on each node makes a NEXT key ahead of the active key's expiry,
 * pushes the metadata holding both to every connected account, proves the next key with a test sign-in, promotes
 * it, and after the grace period removes the old certificate from the metadata and from AWS; without a connection
 * the console shows the same steps for the admin to do by hand. Expiry warnings, the per-application timeline.
 */
package dev.gatehouse.keyrotation;
