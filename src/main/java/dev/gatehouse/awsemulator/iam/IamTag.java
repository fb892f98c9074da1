package dev.gatehouse.awsemulator.iam;

/** One tag of a role, a customer-managed policy or a SAML provider; the key keeps the case it was last set with. */
public record IamTag(String key, String value) {
}
