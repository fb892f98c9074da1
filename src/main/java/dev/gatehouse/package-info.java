/**
 * Gatehouse: a self-hosted identity center for SAML single sign-on ({@code identitycenter} and its rooms) and a
 * local emulator of an External AWS Account ({@code awsemulator}), started from the command line ({@code cli}).
 * This root package holds no class; {@code docs/architecture.md} maps the rooms and what each may import.
 */
package dev.gatehouse;
