/**
 * Random identifiers and secrets, drawn from one injected {@link java.security.SecureRandom}: plumbing that both
 * products use (ids, tokens, AWS-style key ids). May import nothing but the JDK.
 */
package dev.gatehouse.ids;
