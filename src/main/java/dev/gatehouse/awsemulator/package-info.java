/**
 * A local stand-in for an AWS account's side of SAML federation (IAM, STS, console sign-in), served on one port.
 * Sees the identity provider only as AWS does: through uploaded metadata and assertion bytes. May import
 * {@code dev.gatehouse.web} (server, views, chrome, errors), {@code dev.gatehouse.storage} and
 * {@code dev.gatehouse.samlxml}; never the identity center's packages (checked by EmulatorBoundaryTest).
 */
package dev.gatehouse.awsemulator;
