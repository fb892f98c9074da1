package dev.gatehouse.samlxml.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One corpus entry: the bytes of one attack (XML, or the exact base64 text for transport attacks), what AWS answers
 * for it, the {@code SignedSamlVerifier} outcome that pins which check stops it, and that check in words.
 *
 * @param file     file name in the corpus folder; the test case is named after it
 * @param status   the HTTP status AssumeRoleWithSAML answers (200 for the cases that must be accepted)
 * @param code     the STS error code, {@code -} when accepted
 * @param message  the start of the STS error message, {@code -} when accepted
 * @param verifier the verifier's failure code, or {@code VERIFIED} when the signature layer accepts it
 * @param trust    the metadata file (relative to the corpus folder) whose certificates the verifier trusts
 * @param role     {@code RoleName@ProviderName} the call asks for
 * @param defence  the check that stops it, for the corpus README
 */
public record HostileCase(String file, byte[] payload, int status, String code, String message, String verifier,
                          String trust, String role, String defence) {
    public static final String VERIFIED = "VERIFIED";

    /** The SAMLAssertion parameter as sent: base64 of the XML, or the stored text itself for {@code .b64} files. */
    public static String samlParameter(String file, byte[] payload) {
        return file.endsWith(".b64") ? new String(payload, StandardCharsets.US_ASCII)
                : Base64.getEncoder().encodeToString(payload);
    }

    public boolean accepted() {
        return status == 200;
    }

    /** The tab-separated line of {@code expectations.tsv}. */
    String line() {
        return String.join("\t", file, Integer.toString(status), code, verifier, trust, role, message);
    }
}
