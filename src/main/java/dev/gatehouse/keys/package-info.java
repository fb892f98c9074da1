/**
 * Signing keys and certificates per application, and their rotation status. May import storage only.
 */
package dev.gatehouse.keys;
