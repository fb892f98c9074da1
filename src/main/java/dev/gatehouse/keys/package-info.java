/**
 * Signing keys and certificates per application, their rotation status, and the master key that seals them
 * (and other secrets) at rest. May import storage only.
 */
package dev.gatehouse.keys;
