package dev.gatehouse.samlxml;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The facts of a SAML assertion, read only from the element a verified signature covers (SAML core 2.3.3).
 * Times are {@code null} when the attribute was absent.
 *
 * @param issuer                the Assertion's Issuer
 * @param nameId                the Subject's NameID text, or {@code null} when there is no NameID
 * @param nameIdFormat          the NameID's Format, or {@code null}
 * @param subjectConfirmations  every SubjectConfirmation, in document order
 * @param audiences             every Audience of every AudienceRestriction
 * @param sessionNotOnOrAfter   the first AuthnStatement's SessionNotOnOrAfter
 * @param attributes            attribute Name to its values, in document order (same-named Attributes merged)
 * @param responseInResponseTo  the Response's InResponseTo, or {@code null}
 * @param audienceRestrictions  the Audiences of each AudienceRestriction apart: every restriction must name the
 *                              relying party (SAML core 2.5.1.4: OR within one, AND across them)
 * @param responseDestination   the Response's Destination, or {@code null}. Covered by a signature only when the
 *                              Response is signed: use it to refuse a response, never to accept one
 */
public record VerifiedAssertion(String id, String issuer, String nameId, String nameIdFormat,
                                List<SubjectConfirmation> subjectConfirmations, Instant notBefore,
                                Instant notOnOrAfter, List<String> audiences, boolean hasAuthnStatement,
                                Instant sessionNotOnOrAfter, Map<String, List<String>> attributes,
                                String responseInResponseTo, List<List<String>> audienceRestrictions,
                                String responseDestination) {

    /** A SubjectConfirmation with the attributes of its SubjectConfirmationData (SAML core 2.4.1.1–2.4.1.2). */
    public record SubjectConfirmation(String method, String recipient, Instant notBefore, Instant notOnOrAfter,
                                      String inResponseTo) {
    }

    /** The values of attribute {@code name} (exact, case-sensitive), empty when absent. */
    public List<String> attribute(String name) {
        return attributes.getOrDefault(name, List.of());
    }
}
