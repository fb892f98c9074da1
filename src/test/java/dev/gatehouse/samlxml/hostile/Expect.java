package dev.gatehouse.samlxml.hostile;

/** Shorthands for corpus entries: what AWS answers follows from which layer refuses. */
final class Expect {
    static final String DEMO = "Demo@Gatehouse";
    static final String ADMIN = "Admin@Gatehouse";
    static final String METADATA = "metadata.xml";

    private Expect() {
    }

    /** Refused by the signature layer with {@code verifier}; STS's message follows from the failure class. */
    static HostileCase refuse(String file, String verifier, String role, String defence, byte[] payload) {
        return refuse(file, verifier, METADATA, role, defence, payload);
    }

    static HostileCase refuse(String file, String verifier, String trust, String role, String defence, byte[] payload) {
        String message = switch (verifier) {
            case "ISSUER_MISSING", "ISSUER_MISMATCH" -> "Issuer not present in specified provider";
            case "MALFORMED", "NOT_A_RESPONSE", "STATUS_NOT_SUCCESS" -> "Invalid SAML response";
            default -> "Response signature invalid";
        };
        return new HostileCase(file, payload, 400, "InvalidIdentityToken", message, verifier, trust, role, defence);
    }

    /** Passes the signature layer and is refused by AWS's assertion rules. */
    static HostileCase rule(String file, int status, String code, String message, String role, String defence, byte[] payload) {
        return new HostileCase(file, payload, status, code, message, HostileCase.VERIFIED, METADATA, role, defence);
    }

    /** Must be accepted. */
    static HostileCase accept(String file, String trust, String role, String note, byte[] payload) {
        return new HostileCase(file, payload, 200, "-", "-", HostileCase.VERIFIED, trust, role, note);
    }
}
