package dev.gatehouse.samlxml;

/** The outcome of {@link SignedSamlVerifier#verify}: the verified assertion, or a coded refusal. */
public sealed interface SamlVerification {

    /** The signature checked out; {@code assertion} holds only what the signature covers. */
    record Verified(VerifiedAssertion assertion) implements SamlVerification {
    }

    /** Refused, with a code to map and a short human-readable detail. */
    record Failed(SamlVerificationFailure failure, String detail) implements SamlVerification {
    }

    static SamlVerification failed(SamlVerificationFailure failure, String detail) {
        return new Failed(failure, detail);
    }
}
