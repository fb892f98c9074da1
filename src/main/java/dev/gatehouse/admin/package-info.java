/**
 * The admin console's pages: users, groups, admin tokens and applications (configure, metadata, attribute
 * mappings, assignments). May import apps, directory, keys, audit and web.
 */
package dev.gatehouse.admin;
