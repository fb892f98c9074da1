package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.SamlNames;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.samlxml.hostile.Expect.ADMIN;
import static dev.gatehouse.samlxml.hostile.Expect.DEMO;
import static dev.gatehouse.samlxml.hostile.Expect.refuse;
import static dev.gatehouse.samlxml.hostile.Forge.DS;
import static dev.gatehouse.samlxml.hostile.Forge.P;
import static dev.gatehouse.samlxml.hostile.Forge.assertion;
import static dev.gatehouse.samlxml.hostile.Forge.bytes;
import static dev.gatehouse.samlxml.hostile.Forge.descendant;
import static dev.gatehouse.samlxml.hostile.Forge.makeEvil;
import static dev.gatehouse.samlxml.hostile.Forge.response;
import static dev.gatehouse.samlxml.hostile.Forge.signature;

/** The shape of SignedInfo: Reference count and target, transforms, XSLT, smuggled digests (§1.7, §1.12–1.13). */
final class TransformCases {
    private static final String PROFILE = " (SamlSignatureVerifier.checkProfile)";

    private TransformCases() {
    }

    static List<HostileCase> all(Forge f) throws Exception {
        List<HostileCase> cases = new ArrayList<>();
        // An XSLT transform appended to the IdP's Reference: must be refused before anything runs it.
        Document doc = f.valid().document();
        Element transforms = descendant(assertion(doc), DS, "Transforms");
        Element xslt = doc.createElementNS(DS, "ds:Transform");
        xslt.setAttributeNS(null, "Algorithm", SignatureCases.XSLT);
        Element sheet = doc.createElementNS("http://www.w3.org/1999/XSL/Transform", "xsl:stylesheet");
        sheet.setAttributeNS(null, "version", "1.0");
        Element template = doc.createElementNS("http://www.w3.org/1999/XSL/Transform", "xsl:template");
        template.setAttributeNS(null, "match", "/");
        Element copy = doc.createElementNS("http://www.w3.org/1999/XSL/Transform", "xsl:copy-of");
        copy.setAttributeNS(null, "select", "document('file:///etc/passwd')");
        template.appendChild(copy);
        sheet.appendChild(template);
        xslt.appendChild(sheet);
        transforms.appendChild(xslt);
        cases.add(refuse("sig_xslt_transform.xml", "SIGNATURE_PROFILE", DEMO, "transforms only enveloped + exclusive c14n" + PROFILE, bytes(doc)));
        // CVE-2013-2172 shape: an attacker-chosen CanonicalizationMethod (XSLT) over a forged SignedInfo.
        doc = f.validAdmin().document();
        Element c14n = descendant(assertion(doc), DS, "CanonicalizationMethod");
        c14n.setAttributeNS(null, "Algorithm", SignatureCases.XSLT);
        c14n.appendChild(doc.importNode(sheet, true));
        cases.add(refuse("sig_c14n_method_xslt_spoof.xml", "SIGNATURE_PROFILE", ADMIN, "CanonicalizationMethod must be exclusive c14n" + PROFILE, bytes(doc)));
        doc = f.valid().document();
        Element xpath = doc.createElementNS(DS, "ds:Transform");
        xpath.setAttributeNS(null, "Algorithm", SignatureCases.XPATH);
        Element expression = doc.createElementNS(DS, "ds:XPath");
        expression.setTextContent("not(ancestor-or-self::*[local-name()='AttributeStatement'])");
        xpath.appendChild(expression);
        descendant(assertion(doc), DS, "Transforms").insertBefore(xpath, descendant(assertion(doc), DS, "Transform"));
        cases.add(refuse("sig_xpath_transform.xml", "SIGNATURE_PROFILE", DEMO, "transforms only enveloped + exclusive c14n" + PROFILE, bytes(doc)));
        doc = f.valid().document();
        Element enveloped = descendant(assertion(doc), DS, "Transform");
        enveloped.getParentNode().removeChild(enveloped);
        cases.add(refuse("sig_enveloped_transform_missing.xml", "SIGNATURE_PROFILE", DEMO, "the enveloped-signature transform is required" + PROFILE, bytes(doc)));
        // Two References, both valid (python3-saml 1.12 accepts this; only the first is inspected there).
        doc = f.valid().unsigned().document();
        Element target = assertion(doc);
        target.setIdAttributeNS(null, "ID", true);
        XMLSignature two = new XMLSignature(doc, null, SamlNames.RSA_SHA256, SamlNames.EXC_C14N);
        target.insertBefore(two.getElement(), Forge.afterIssuer(target));
        for (int i = 0; i < 2; i++) {
            Transforms t = new Transforms(doc);
            t.addTransform(SamlNames.ENVELOPED);
            t.addTransform(SamlNames.EXC_C14N);
            two.addDocument("#" + target.getAttributeNS(null, "ID"), t, SamlNames.SHA256);
        }
        two.sign(f.idp.signing().key());
        cases.add(refuse("sig_two_references.xml", "SIGNATURE_PROFILE", DEMO, "exactly one Reference" + PROFILE, bytes(doc)));
        doc = f.valid().document();
        descendant(assertion(doc), DS, "Reference").setAttributeNS(null, "URI", "#" + response(doc).getAttributeNS(null, "ID"));
        cases.add(refuse("sig_reference_to_response.xml", "SIGNATURE_PROFILE", DEMO, "Reference must be #ID of the signed element" + PROFILE, bytes(doc)));
        doc = f.valid().document();
        descendant(assertion(doc), DS, "Reference").setAttributeNS(null, "URI", "");
        cases.add(refuse("sig_reference_empty_uri.xml", "SIGNATURE_PROFILE", DEMO, "Reference must be #ID of the signed element" + PROFILE, bytes(doc)));
        // xml-crypto CVE-2025-29774/29775 shapes: a second SignedInfo; a forged digest in a comment inside DigestValue.
        for (boolean forgedFirst : new boolean[]{true, false}) {
            doc = f.valid().document();
            Element signed = assertion(doc);
            Element signedInfo = descendant(signed, DS, "SignedInfo");
            Element forged = (Element) signedInfo.cloneNode(true);
            makeEvil(signed);
            signature(signed).insertBefore(forged, forgedFirst ? signedInfo : signedInfo.getNextSibling());
            cases.add(refuse(forgedFirst ? "two_signedinfo_forged_first.xml" : "two_signedinfo_forged_second.xml",
                    "SIGNATURE_PROFILE", ADMIN, "exactly one SignedInfo" + PROFILE, bytes(doc)));
        }
        doc = f.valid().document();
        Element digest = descendant(assertion(doc), DS, "DigestValue");
        digest.insertBefore(doc.createComment("q5Ew9sZ1kQ0Hc1k7uYb8Hk0u0c6l3uQ5mS0gV8n2P1o="), digest.getFirstChild());
        cases.add(refuse("digestvalue_comment_smuggle.xml", "SIGNATURE_PROFILE", DEMO,
                "no comment or processing instruction anywhere in a Signature" + PROFILE, bytes(doc)));
        // ruby-saml CVE-2024-45409: a Reference with the evil digest hidden in StatusDetail, before the Assertion.
        doc = f.valid().document();
        Element signed = assertion(doc);
        Element original = signature(signed);
        org.w3c.dom.Node position = original.getNextSibling();
        signed.removeChild(original);
        makeEvil(signed);
        XMLSignature scratch = Forge.signStandard(signed, f.attacker.key(), null);
        String evilDigest = descendant(scratch.getElement(), DS, "DigestValue").getTextContent();
        signed.removeChild(scratch.getElement());
        signed.insertBefore(original, position);
        Element detail = doc.createElementNS(P, "samlp:StatusDetail");
        Element reference = doc.createElementNS(DS, "ds:Reference");
        Element smuggled = doc.createElementNS(DS, "ds:DigestValue");
        smuggled.setTextContent(evilDigest);
        reference.appendChild(smuggled);
        detail.appendChild(reference);
        Forge.child(response(doc), P, "Status").appendChild(detail);
        cases.add(refuse("cve_2024_45409_digest_smuggle.xml", "SIGNATURE_INVALID", ADMIN,
                "Santuario reads the Reference's own DigestValue; the digest of the edited Assertion no longer matches", bytes(doc)));
        return cases;
    }
}
