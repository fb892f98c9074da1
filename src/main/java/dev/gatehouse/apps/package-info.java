/**
 * Application instances made from templates, their attribute mappings and their user and group assignments.
 * May import keys (each instance gets its own signing key), audit and storage; only {@code AppsApiHandlers}
 * sees HTTP (web).
 */
package dev.gatehouse.apps;
