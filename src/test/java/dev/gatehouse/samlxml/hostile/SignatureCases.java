package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.List;

import static dev.gatehouse.samlxml.hostile.Expect.ADMIN;
import static dev.gatehouse.samlxml.hostile.Expect.DEMO;
import static dev.gatehouse.samlxml.hostile.Expect.refuse;
import static dev.gatehouse.samlxml.hostile.Forge.DS;
import static dev.gatehouse.samlxml.hostile.Forge.assertion;
import static dev.gatehouse.samlxml.hostile.Forge.bytes;
import static dev.gatehouse.samlxml.hostile.Forge.descendant;
import static dev.gatehouse.samlxml.hostile.Forge.makeEvil;
import static dev.gatehouse.samlxml.hostile.Forge.signature;

/**
 * Signature exclusion and stripping (§1.3), certificates that are not the metadata's (§1.4), and refused
 * algorithms, transforms and canonicalization methods (§1.7–1.8). Algorithm cases are validly signed, so only
 * the algorithm check stands between them and acceptance.
 */
final class SignatureCases {
    static final String XSLT = "http://www.w3.org/TR/1999/REC-xslt-19991116";
    static final String XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116";
    static final String C14N_INCLUSIVE = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    static final String EXC_C14N_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
    static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    static final String RSA_MD5 = "http://www.w3.org/2001/04/xmldsig-more#rsa-md5";
    static final String MD5 = "http://www.w3.org/2001/04/xmldsig-more#md5";
    static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
    private static final String KEYS_FROM_METADATA = "signature checked only against the metadata's certificates, KeyInfo never "
            + "read (SamlSignatureVerifier.verify)";
    private static final String PROFILE = "signature profile allow-list (SamlSignatureVerifier.checkProfile)";

    private SignatureCases() {
    }

    static List<HostileCase> all(Forge f) throws Exception {
        List<HostileCase> cases = new ArrayList<>();
        Document doc = f.valid().unsigned().document();
        makeEvil(assertion(doc));
        cases.add(refuse("sig_exclusion_unsigned_assertion.xml", "UNSIGNED", ADMIN,
                "a signature covering the Assertion is required (SignedSamlVerifier.verifyParsed, UNSIGNED)", bytes(doc)));
        doc = f.valid().document();
        signature(assertion(doc)).getParentNode().removeChild(signature(assertion(doc)));
        cases.add(refuse("sig_stripped_after_signing.xml", "UNSIGNED", DEMO,
                "a signature covering the Assertion is required (UNSIGNED)", bytes(doc)));
        doc = f.valid().document();
        descendant(assertion(doc), DS, "SignatureValue").setTextContent("");
        cases.add(refuse("sig_signaturevalue_empty.xml", "SIGNATURE_INVALID", DEMO, "cryptographic check of SignatureValue", bytes(doc)));
        doc = f.valid().document();
        descendant(assertion(doc), DS, "DigestValue").setTextContent("");
        cases.add(refuse("sig_digestvalue_empty.xml", "SIGNATURE_INVALID", DEMO, "cryptographic check of the Reference digest", bytes(doc)));
        doc = f.valid().document();
        makeEvil(assertion(doc));
        cases.add(refuse("sig_tampered_no_resign.xml", "SIGNATURE_INVALID", ADMIN, "cryptographic check of the Reference digest", bytes(doc)));
        doc = f.valid().document();
        Element value = descendant(assertion(doc), DS, "SignatureValue");
        char[] text = value.getTextContent().toCharArray();
        text[10] = text[10] == 'A' ? 'B' : 'A';
        value.setTextContent(new String(text));
        cases.add(refuse("sig_signaturevalue_bitflip.xml", "SIGNATURE_INVALID", DEMO, "cryptographic check of SignatureValue", bytes(doc)));
        // The evil assertion's true digest put into the IdP's SignedInfo: only checking SignatureValue over SignedInfo stops it.
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
        descendant(original, DS, "DigestValue").setTextContent(evilDigest);
        cases.add(refuse("sig_digest_recomputed_signedinfo_unsigned.xml", "SIGNATURE_INVALID", ADMIN,
                "SignatureValue checked over SignedInfo, not just the digest", bytes(doc)));

        // Certificate faking: the attacker signs; what KeyInfo says must not matter.
        TestSamlResponses.SigningIdentity clone = HostileCorpus.clonedSubject(f.idp.signing(), f.attacker);
        String[] names = {"cert_faking_attacker_selfsigned", "cert_faking_cloned_subject", "cert_faking_keyvalue",
                "cert_faking_no_keyinfo", "cert_faking_idp_cert_in_keyinfo", "keyinfo_retrievalmethod_ssrf"};
        for (String name : names) {
            doc = f.validAdmin().unsigned().document();
            Element target = assertion(doc);
            java.security.PrivateKey key = name.equals("cert_faking_cloned_subject") ? clone.key() : f.attacker.key();
            java.security.cert.X509Certificate inKeyInfo = switch (name) {
                case "cert_faking_cloned_subject" -> clone.certificate();
                case "cert_faking_idp_cert_in_keyinfo" -> f.idp.signing().certificate();
                case "cert_faking_attacker_selfsigned" -> f.attacker.certificate();
                default -> null;
            };
            XMLSignature signature = Forge.signStandard(target, key, inKeyInfo);
            if (name.equals("cert_faking_keyvalue")) {
                signature.addKeyInfo(f.attacker.certificate().getPublicKey());
            }
            if (name.equals("keyinfo_retrievalmethod_ssrf")) {
                Element keyInfo = doc.createElementNS(DS, "ds:KeyInfo");
                Element retrieval = doc.createElementNS(DS, "ds:RetrievalMethod");
                retrieval.setAttributeNS(null, "URI", "http://127.0.0.1:9/attacker-cert.der");
                retrieval.setAttributeNS(null, "Type", "http://www.w3.org/2000/09/xmldsig#rawX509Certificate");
                keyInfo.appendChild(retrieval);
                signature.getElement().appendChild(keyInfo);
            }
            cases.add(refuse(name + ".xml", "SIGNATURE_INVALID", ADMIN, KEYS_FROM_METADATA, bytes(doc)));
        }

        // Validly signed with algorithms outside the allow-list.
        cases.add(algorithm(f, "alg_rsa_sha1.xml", RSA_SHA1, SamlNames.EXC_C14N, SHA1,
                "RSA-SHA1 and SHA-1 refused unless --allow-sha1 (checkProfile)"));
        cases.add(algorithm(f, "alg_digest_sha1.xml", SamlNames.RSA_SHA256, SamlNames.EXC_C14N, SHA1,
                "SHA-1 digest refused unless --allow-sha1 (checkProfile)"));
        // Santuario refuses to produce MD5, so these two are signed by hand.
        doc = f.valid().document();
        Forge.resign(assertion(doc), f.idp.signing().key(), RSA_MD5, "MD5withRSA", SamlNames.SHA256, "SHA-256");
        cases.add(refuse("alg_rsa_md5.xml", "SIGNATURE_PROFILE", DEMO, "RSA-MD5 refused (checkProfile); Santuario's secure validation too", bytes(doc)));
        doc = f.valid().document();
        Forge.resign(assertion(doc), f.idp.signing().key(), SamlNames.RSA_SHA256, "SHA256withRSA", MD5, "MD5");
        cases.add(refuse("alg_digest_md5.xml", "SIGNATURE_PROFILE", DEMO, "MD5 digest refused (checkProfile); Santuario's secure validation too", bytes(doc)));
        cases.add(algorithm(f, "sig_c14n_method_inclusive.xml", SamlNames.RSA_SHA256, C14N_INCLUSIVE, SamlNames.SHA256,
                "CanonicalizationMethod must be exclusive c14n (checkProfile)"));
        cases.add(algorithm(f, "sig_transform_inclusive_c14n.xml", SamlNames.RSA_SHA256, SamlNames.EXC_C14N, SamlNames.SHA256,
                "transforms only enveloped-signature + exclusive c14n (checkTransforms)", SamlNames.ENVELOPED, C14N_INCLUSIVE));
        cases.add(algorithm(f, "sig_transform_exc_c14n_with_comments.xml", SamlNames.RSA_SHA256, SamlNames.EXC_C14N, SamlNames.SHA256,
                "transforms only enveloped-signature + exclusive c14n without comments (checkTransforms)", SamlNames.ENVELOPED, EXC_C14N_COMMENTS));
        // HMAC keyed with the IdP certificate's bytes (key confusion): anyone holding the public metadata can compute it.
        doc = f.validAdmin().unsigned().document();
        Forge.sign(assertion(doc), new SecretKeySpec(f.idp.signing().certificate().getEncoded(), "HmacSHA256"), null,
                HMAC_SHA256, SamlNames.EXC_C14N, SamlNames.SHA256, SamlNames.ENVELOPED, SamlNames.EXC_C14N);
        cases.add(refuse("alg_hmac_keyconfusion_cert.xml", "SIGNATURE_PROFILE", ADMIN, "no symmetric signature methods (checkProfile)", bytes(doc)));
        // CVE-2009-0217: HMACOutputLength truncation.
        doc = f.validAdmin().unsigned().document();
        Forge.sign(assertion(doc), new SecretKeySpec(f.idp.signing().certificate().getEncoded(), "HmacSHA256"), null,
                HMAC_SHA256, SamlNames.EXC_C14N, SamlNames.SHA256, SamlNames.ENVELOPED, SamlNames.EXC_C14N);
        Element method = descendant(assertion(doc), DS, "SignatureMethod");
        Element length = doc.createElementNS(DS, "ds:HMACOutputLength");
        length.setTextContent("0");
        method.appendChild(length);
        descendant(assertion(doc), DS, "SignatureValue").setTextContent("");
        cases.add(refuse("alg_hmac_truncated_outputlength.xml", "SIGNATURE_PROFILE", ADMIN, "no symmetric signature methods (checkProfile)", bytes(doc)));
        doc = f.validAdmin().document();
        descendant(assertion(doc), DS, "SignatureMethod").setAttributeNS(null, "Algorithm", "none");
        cases.add(refuse("alg_unknown_none.xml", "SIGNATURE_PROFILE", ADMIN, "signature method allow-list (checkProfile)", bytes(doc)));
        cases.addAll(TransformCases.all(f));
        return cases;
    }

    private static HostileCase algorithm(Forge f, String file, String signatureMethod, String c14n, String digest,
                                         String defence, String... transforms) {
        Document doc = f.valid().unsigned().document();
        String[] t = transforms.length == 0 ? new String[]{SamlNames.ENVELOPED, SamlNames.EXC_C14N} : transforms;
        Forge.sign(assertion(doc), f.idp.signing().key(), f.idp.signing().certificate(), signatureMethod, c14n, digest, t);
        return refuse(file, "SIGNATURE_PROFILE", DEMO, defence, bytes(doc));
    }
}
