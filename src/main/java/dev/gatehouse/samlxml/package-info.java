/**
 * SAML and XML primitives: safe parsing (no DOCTYPE), serialization, enveloped signing and signature
 * verification, SAML URIs. The only package that imports the XML-signature library; knows nothing of users,
 * applications or AWS. May import third-party libraries only.
 */
package dev.gatehouse.samlxml;
