/**
 * The SAML identity provider: who gets which assertion. Resolves mappings, builds and signs responses,
 * publishes metadata, reads AuthnRequests and delivers by the POST binding. May import apps, keys, audit,
 * samlxml and web (IdpHandlers only).
 */
package dev.gatehouse.idp;
