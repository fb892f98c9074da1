package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.RedirectBinding;
import dev.gatehouse.samlxml.TestSamlResponses;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.gatehouse.samlxml.hostile.Expect.ADMIN;
import static dev.gatehouse.samlxml.hostile.Expect.DEMO;
import static dev.gatehouse.samlxml.hostile.Expect.refuse;
import static dev.gatehouse.samlxml.hostile.Forge.A;
import static dev.gatehouse.samlxml.hostile.Forge.P;
import static dev.gatehouse.samlxml.hostile.Forge.assertion;
import static dev.gatehouse.samlxml.hostile.Forge.bytes;
import static dev.gatehouse.samlxml.hostile.Forge.descendant;
import static dev.gatehouse.samlxml.hostile.Forge.response;

/**
 * What the parser and the transport must refuse (§1.5, §1.6, §1.10, §1.12): comments, processing instructions
 * and markup inside values; DOCTYPE in every form; XInclude; nesting; and POST-binding transport abuse.
 */
final class ParserCases {
    private static final String NO_DOCTYPE = "DOCTYPE refused by the parser before anything else (SafeXml: disallow-doctype-decl)";

    private ParserCases() {
    }

    /** Inserts {@code doctype} right after the XML declaration of a valid signed response. */
    private static byte[] withDoctype(Forge f, String doctype, String nameIdText) {
        String xml = Forge.xml(f.valid().document());
        int declarationEnd = xml.indexOf("?>") + 2;
        xml = xml.substring(0, declarationEnd) + doctype + xml.substring(declarationEnd);
        if (nameIdText != null) {
            xml = xml.replace("u-7f3c2a-alice</saml:NameID>", nameIdText + "</saml:NameID>");
        }
        return Forge.bytes(xml);
    }

    static List<HostileCase> all(Forge f) {
        List<HostileCase> cases = new ArrayList<>();
        // CVE-2017-11427 family: a comment splits a signed value; exc-c14n drops it, so the signature still holds.
        Document doc = f.idp.response().now(Forge.T0).sessionName("mallory").nameId("admin", null)
                .attribute(TestSamlResponses.ROLE, Forge.PROVIDER + "," + Forge.ADMIN + "Evil").document();
        Element role = Forge.values(assertion(doc), TestSamlResponses.ROLE).get(0);
        role.setTextContent(Forge.PROVIDER + "," + Forge.ADMIN);
        role.appendChild(doc.createComment(""));
        role.appendChild(doc.createTextNode("Evil"));
        cases.add(refuse("comment_truncation_role.xml", "UNSAFE_CONTENT", ADMIN,
                "a comment or PI inside a value read from the assertion is refused (SamlVerifiedAssertionReader.safeText)", bytes(doc)));
        doc = f.valid().document();
        Element nameId = descendant(assertion(doc), A, "NameID");
        nameId.setTextContent("u-7f3c2a-");
        nameId.appendChild(doc.createComment("x"));
        nameId.appendChild(doc.createTextNode("alice"));
        cases.add(refuse("comment_in_nameid.xml", "UNSAFE_CONTENT", DEMO,
                "a comment inside a value is refused even when the joined text is the signed one (safeText)", bytes(doc)));
        doc = f.valid().document();
        role = Forge.values(assertion(doc), TestSamlResponses.ROLE).get(0);
        role.appendChild(doc.createProcessingInstruction("evil", "x"));
        cases.add(refuse("pi_in_role.xml", "SIGNATURE_INVALID", DEMO,
                "exc-c14n keeps PIs, so the digest breaks; safeText would refuse it next", bytes(doc)));
        // XInclude inside a signed NameID: never expanded, and markup in a value is refused.
        doc = f.valid().unsigned().document();
        nameId = descendant(assertion(doc), A, "NameID");
        nameId.setTextContent("");
        Element include = doc.createElementNS("http://www.w3.org/2001/XInclude", "xi:include");
        include.setAttributeNS(dev.gatehouse.samlxml.SamlNames.XMLNS_NS, "xmlns:xi", "http://www.w3.org/2001/XInclude");
        include.setAttributeNS(null, "href", "file:///etc/passwd");
        include.setAttributeNS(null, "parse", "text");
        nameId.appendChild(include);
        Forge.signStandard(assertion(doc), f.idp.signing().key(), f.idp.signing().certificate());
        cases.add(refuse("xinclude_file.xml", "UNSAFE_CONTENT", DEMO,
                "XInclude off in the parser; an element inside a value is refused (safeText)", bytes(doc)));

        cases.add(refuse("xxe_external_file.xml", "MALFORMED", DEMO, NO_DOCTYPE,
                withDoctype(f, "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;")));
        cases.add(refuse("xxe_parameter_entity_oob.xml", "MALFORMED", DEMO, NO_DOCTYPE,
                withDoctype(f, "<!DOCTYPE r [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\">%remote;]>", null)));
        StringBuilder lol = new StringBuilder("<!DOCTYPE r [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        cases.add(refuse("billion_laughs.xml", "MALFORMED", DEMO, NO_DOCTYPE, withDoctype(f, lol + "]>", "&lol9;")));
        cases.add(refuse("quadratic_blowup.xml", "MALFORMED", DEMO, NO_DOCTYPE,
                withDoctype(f, "<!DOCTYPE r [<!ENTITY a \"" + "x".repeat(5000) + "\">]>", "&a;".repeat(1000))));
        cases.add(refuse("doctype_no_entities.xml", "MALFORMED", DEMO, NO_DOCTYPE, withDoctype(f, "<!DOCTYPE samlp:Response>", null)));
        // ruby-saml CVE-2025-25291: a DOCTYPE whose quoting makes two parsers see two different documents.
        String valid = Forge.xml(f.valid().document());
        String evil = Forge.xml(f.validAdmin().unsigned().document());
        String body = valid.substring(valid.indexOf("?>") + 2);
        String differential = "<?xml version=\"1.0\"?><!DOCTYPE response SYSTEM 'x\"><!--'>" + evil.substring(evil.indexOf("?>") + 2)
                .replace("</samlp:Response>", "<![CDATA[-->" + body + "<!--]]>--></samlp:Response>");
        cases.add(refuse("cve_2025_25291_doctype_comment_differential.xml", "MALFORMED", ADMIN, NO_DOCTYPE, bytes(differential)));
        // CVE-2025-25292: an ATTLIST that would give an un-namespaced Signature the dsig namespace.
        cases.add(refuse("cve_2025_25292_namespace_differential.xml", "MALFORMED", DEMO, NO_DOCTYPE,
                withDoctype(f, "<!DOCTYPE samlp:Response [<!ATTLIST Signature xmlns CDATA #FIXED "
                        + "\"http://www.w3.org/2000/09/xmldsig#\">]>", null)));
        // Deep nesting in the unsigned part of the Response (as text: the JDK's serializer itself recurses per level).
        String deep = "<samlp:Extensions>" + "<n>".repeat(5000) + "</n>".repeat(5000) + "</samlp:Extensions>";
        String nested = Forge.xml(f.valid().document()).replaceFirst("<saml:Assertion ", deep + "<saml:Assertion ");
        cases.add(refuse("deep_nesting.xml", "MALFORMED", DEMO,
                "element depth capped at 64 while parsing (SafeXml.MAX_DEPTH)", bytes(nested)));

        // Transport (§1.10): .b64 files hold the SAMLAssertion text exactly as sent.
        byte[] baseline = Forge.bytes(f.valid().document());
        cases.add(refuse("transport_not_base64.b64", "MALFORMED", DEMO, "strict base64 (SignedSamlVerifier.parse)",
                ascii("PHNhbWxwOlJlc3BvbnNl***not-base64***" + Base64.getEncoder().encodeToString(baseline).substring(40))));
        cases.add(refuse("transport_base64_not_xml.b64", "MALFORMED", DEMO, "the parser refuses what is not well-formed XML",
                ascii(Base64.getEncoder().encodeToString("this is not XML at all, only text".getBytes(StandardCharsets.UTF_8)))));
        cases.add(refuse("transport_deflated.b64", "MALFORMED", DEMO,
                "the POST binding is plain base64: DEFLATE is never inflated, the bytes are not XML",
                ascii(RedirectBinding.encode(new String(baseline, StandardCharsets.UTF_8)))));
        cases.add(refuse("transport_deflate_bomb.b64", "MALFORMED", DEMO, "never inflated (no DEFLATE on the POST binding)",
                ascii(RedirectBinding.encode("<a>" + "A".repeat(20_000_000) + "</a>"))));
        cases.add(refuse("transport_trailing_content.xml", "MALFORMED", DEMO, "the parser refuses content after the root element",
                bytes(new String(baseline, StandardCharsets.UTF_8) + "<samlp:Response/>")));
        cases.add(refuse("transport_base64_with_spaces.b64", "MALFORMED", DEMO, "strict base64: only line breaks tolerated",
                ascii(Base64.getEncoder().encodeToString(baseline).replaceAll("(.{64})", "$1 "))));
        return cases;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
