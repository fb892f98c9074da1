package dev.gatehouse.samlxml;

/**
 * Why a SAML Response was not accepted by {@link SignedSamlVerifier}. Each code is a class of refusal the caller
 * maps to its own error (the AWS emulator maps them to STS error codes); the detail text that travels with it is
 * safe to show, it never echoes attacker-controlled markup.
 */
public enum SamlVerificationFailure {
    /** Not strict base64, too long, not well-formed XML, or a DOCTYPE. */
    MALFORMED,
    /** The root element is not {@code samlp:Response}. */
    NOT_A_RESPONSE,
    /** The Response reports a status other than Success. */
    STATUS_NOT_SUCCESS,
    /** No Assertion, more than one (plaintext or encrypted), or one that is not a child of the Response. */
    ASSERTION_COUNT,
    /** An EncryptedAssertion that none of the receiver's keys decrypts (or not of the one shape accepted). */
    UNDECRYPTABLE,
    /** A plaintext assertion sent to a receiver that requires encrypted ones. */
    ENCRYPTION_REQUIRED,
    /** Two elements share an ID value, so a Reference could resolve to either. */
    DUPLICATE_ID,
    /** The Assertion has no Issuer. */
    ISSUER_MISSING,
    /** The Issuer is not the expected entity, or the Response and Assertion Issuers differ. */
    ISSUER_MISMATCH,
    /** Neither the Assertion nor the Response carries a signature. */
    UNSIGNED,
    /** A signature is present but is not of the one shape accepted (Reference, transforms, algorithms). */
    SIGNATURE_PROFILE,
    /** A signature does not verify with any trusted certificate. */
    SIGNATURE_INVALID,
    /** A value read from the signed element contains a comment or processing instruction, or is unusable. */
    UNSAFE_CONTENT
}
