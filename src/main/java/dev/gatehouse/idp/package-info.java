/**
 * The SAML identity provider: who gets which assertion. Resolves mappings (the application's template judges the
 * values), builds and signs responses, publishes metadata, reads AuthnRequests and delivers by the POST binding.
 * May import apps, directory (the claims of active users), keys, audit, ids, samlxml and web (IdpHandlers only).
 */
package dev.gatehouse.idp;
