package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.SamlNames;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.samlxml.hostile.Expect.ADMIN;
import static dev.gatehouse.samlxml.hostile.Expect.DEMO;
import static dev.gatehouse.samlxml.hostile.Expect.refuse;
import static dev.gatehouse.samlxml.hostile.Forge.A;
import static dev.gatehouse.samlxml.hostile.Forge.P;
import static dev.gatehouse.samlxml.hostile.Forge.assertion;
import static dev.gatehouse.samlxml.hostile.Forge.bytes;
import static dev.gatehouse.samlxml.hostile.Forge.makeEvil;
import static dev.gatehouse.samlxml.hostile.Forge.response;
import static dev.gatehouse.samlxml.hostile.Forge.signature;
import static dev.gatehouse.samlxml.hostile.Forge.unsignedCopy;

/**
 * XML signature wrapping (security.md §1.1–1.2): SAML Raider's XSW1–XSW8 as its XSWHelpers builds them, then the
 * other shapes. Every forgery asks for role Admin, which only the attacker's copy names.
 */
final class WrappingCases {
    private static final String ONE_ASSERTION = "exactly one Assertion in the whole document, a direct child of the Response "
            + "(SignedSamlVerifier.parse, ASSERTION_COUNT)";

    private WrappingCases() {
    }

    static List<HostileCase> all(Forge f) {
        List<HostileCase> cases = new ArrayList<>();
        // XSW1/2 attack a signed Response: a clean clone of it hides in (1) or beside (2) the Signature.
        for (int variant = 1; variant <= 2; variant++) {
            Document doc = f.valid().signResponse(false).document();
            Element response = response(doc);
            Element clone = unsignedCopy(response);
            Element signature = signature(response);
            if (variant == 1) {
                signature.appendChild(clone);
            } else {
                response.insertBefore(clone, signature);
            }
            response.setAttributeNS(null, "ID", "_evil_response_ID");
            makeEvil(assertion(doc));
            cases.add(refuse("xsw" + variant + ".xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION, bytes(doc)));
        }
        // XSW3: an unsigned evil copy before the signed Assertion.
        Document doc = f.valid().document();
        Element evil = unsignedCopy(assertion(doc));
        evil.setAttributeNS(null, "ID", "_evil_assertion_ID");
        makeEvil(evil);
        response(doc).insertBefore(evil, assertion(doc));
        cases.add(refuse("xsw3.xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION, bytes(doc)));
        // XSW4: the evil copy appended to the Response, the signed Assertion moved inside it.
        doc = f.valid().document();
        Element signed = assertion(doc);
        evil = unsignedCopy(signed);
        evil.setAttributeNS(null, "ID", "_evil_assertion_ID");
        makeEvil(evil);
        response(doc).appendChild(evil);
        evil.appendChild(signed);
        cases.add(refuse("xsw4.xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION, bytes(doc)));
        // XSW5/6: the signed Assertion edited in place (ID changed, Signature kept); a clean copy appended to the
        // Response (5) or placed inside the edited Assertion's Signature (6).
        for (int variant = 5; variant <= 6; variant++) {
            doc = f.valid().document();
            signed = assertion(doc);
            Element clean = unsignedCopy(signed);
            signed.setAttributeNS(null, "ID", "_evil_assertion_ID");
            makeEvil(signed);
            if (variant == 5) {
                response(doc).appendChild(clean);
            } else {
                signature(signed).appendChild(clean);
            }
            cases.add(refuse("xsw" + variant + ".xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION, bytes(doc)));
        }
        // XSW7: samlp:Extensions before the Assertion holding an evil copy that keeps the original ID.
        doc = f.valid().document();
        signed = assertion(doc);
        evil = unsignedCopy(signed);
        makeEvil(evil);
        Element extensions = doc.createElementNS(P, "samlp:Extensions");
        extensions.appendChild(evil);
        response(doc).insertBefore(extensions, signed);
        cases.add(refuse("xsw7.xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION + "; also two elements with one ID", bytes(doc)));
        // XSW8: the signed Assertion edited in place (ID kept); the clean original in a ds:Object of its Signature.
        doc = f.valid().document();
        signed = assertion(doc);
        Element clean = unsignedCopy(signed);
        makeEvil(signed);
        Element object = doc.createElementNS(SamlNames.DSIG_NS, "ds:Object");
        object.appendChild(clean);
        signature(signed).appendChild(object);
        cases.add(refuse("xsw8.xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION + "; also no ds:Object (signature profile)", bytes(doc)));

        // The evil assertion after the signed one (crewjam/saml CVE-2022-41912, lasso CVE-2021-28091).
        doc = f.valid().document();
        evil = unsignedCopy(assertion(doc));
        evil.setAttributeNS(null, "ID", "_evil_assertion_ID");
        makeEvil(evil);
        response(doc).appendChild(evil);
        cases.add(refuse("xsw_evil_after_signed.xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION, bytes(doc)));
        // A non-Assertion decoy carrying the Assertion's ID first in document order.
        doc = f.valid().document();
        signed = assertion(doc);
        extensions = doc.createElementNS(P, "samlp:Extensions");
        extensions.setAttributeNS(null, "ID", signed.getAttributeNS(null, "ID"));
        response(doc).insertBefore(extensions, signed);
        cases.add(refuse("xsw_duplicate_id_evil_first.xml", "DUPLICATE_ID", DEMO,
                "every ID-like attribute value unique in the document (checkUniqueIds, DUPLICATE_ID)", bytes(doc)));
        // Response ID equal to the Assertion ID: "#id" could resolve to either.
        doc = f.valid().document();
        response(doc).setAttributeNS(null, "ID", assertion(doc).getAttributeNS(null, "ID"));
        cases.add(refuse("dup_id_response_equals_assertion.xml", "DUPLICATE_ID", DEMO,
                "every ID-like attribute value unique in the document (checkUniqueIds, DUPLICATE_ID)", bytes(doc)));
        // Keycloak CVE-2024-8698: the Assertion's signature moved up to the Response, Reference still at the Assertion.
        doc = f.valid().document();
        signed = assertion(doc);
        Element moved = signature(signed);
        signed.removeChild(moved);
        response(doc).insertBefore(moved, response(doc).getFirstChild());
        makeEvil(signed);
        cases.add(refuse("xsw_signature_moved_to_response.xml", "SIGNATURE_PROFILE", ADMIN,
                "the Reference must be #ID of the Signature's own parent (SamlSignatureVerifier.checkProfile)", bytes(doc)));
        // Namespaced ID pollution: the original ID survives only as a foreign-namespace attribute.
        doc = f.valid().document();
        signed = assertion(doc);
        String original = signed.getAttributeNS(null, "ID");
        signed.setAttributeNS("urn:example:pollution", "x:ID", original);
        signed.setAttributeNS(null, "ID", "_evil_assertion_ID");
        makeEvil(signed);
        cases.add(refuse("xsw_ns_id_attribute_pollution.xml", "SIGNATURE_PROFILE", ADMIN,
                "only the un-namespaced ID of the Response/Assertion is an ID; the Reference must name the parent's "
                        + "(SamlSignatureVerifier.checkProfile)", bytes(doc)));
        // A Response signed by the IdP whose Assertion was swapped for another IdP-signed one (Admin).
        doc = f.valid().signResponse(true).document();
        Document other = f.validAdmin().document();
        Element swapped = (Element) doc.importNode(assertion(other), true);
        response(doc).replaceChild(swapped, assertion(doc));
        cases.add(refuse("response_signed_assertion_swapped.xml", "SIGNATURE_INVALID", ADMIN,
                "every signature present must verify, the Response's included (SignedSamlVerifier.verifyParsed)", bytes(doc)));
        // Two assertions, both validly signed by the IdP.
        doc = f.valid().document();
        response(doc).appendChild(doc.importNode(assertion(f.validAdmin().document()), true));
        cases.add(refuse("multiple_assertions_both_signed.xml", "ASSERTION_COUNT", ADMIN, ONE_ASSERTION, bytes(doc)));
        doc = f.valid().document();
        response(doc).appendChild(assertion(doc).cloneNode(true));
        cases.add(refuse("multiple_assertions_identical.xml", "ASSERTION_COUNT", DEMO, ONE_ASSERTION, bytes(doc)));
        doc = f.valid().document();
        response(doc).removeChild(assertion(doc));
        cases.add(refuse("no_assertion.xml", "ASSERTION_COUNT", DEMO, ONE_ASSERTION, bytes(doc)));
        doc = f.valid().document();
        Element encrypted = doc.createElementNS(A, "saml:EncryptedAssertion");
        response(doc).appendChild(encrypted);
        cases.add(refuse("encrypted_assertion_beside_signed.xml", "ASSERTION_COUNT", DEMO,
                "an EncryptedAssertion beside the signed Assertion: two assertions (SignedSamlVerifier.decryptIfEncrypted)", bytes(doc)));
        return cases;
    }
}
