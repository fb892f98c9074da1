/**
 * Application instances made from templates, their attribute mappings and their user and group assignments.
 * May import keys (each instance gets its signing key) and storage; never web or idp.
 */
package dev.gatehouse.apps;
