/**
 * Database plumbing: connection pool, Jdbi, ordered Flyway migrations. Holds no SQL about features.
 * May import third-party libraries only.
 */
package dev.gatehouse.storage;
