/**
 * HTTP plumbing: Javalin set-up, sessions, CSRF, the route-role guard, error mapping and template rendering.
 * No feature logic lives here; may import third-party libraries only.
 */
package dev.gatehouse.web;
