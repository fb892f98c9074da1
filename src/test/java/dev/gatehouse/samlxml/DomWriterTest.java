package dev.gatehouse.samlxml;

import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launch path's serializer: what {@link SafeXml#writeBuilt} writes must read back as the very tree that was built,
 * the same tree the JDK's identity Transformer ({@link SafeXml#write}) gives, and anything it cannot write faithfully
 * must be refused rather than written differently. xmlsec1 reading a real launch is {@code idp.InteropTest}'s job.
 */
class DomWriterTest {
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final String XML = "http://www.w3.org/XML/1998/namespace";
    private static final String TRICKY_ATTRIBUTE = "a & b < c > d \"quoted\" 'single'\ttab\nnewline\r\ncrlf\rcr  two spaces ]]>";
    private static final String TRICKY_TEXT = "a & b < c > d ]]> \"q\" 'a'\ttab\nnewline\r\ncrlf\rcr é ü ß 名前 \uD83D\uDD11 end";

    /** Namespaces declared as attributes, nested and re-bound prefixes, a default namespace and its undeclaration. */
    private static Document tricky() {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElementNS("urn:root", "r:Root");
        doc.appendChild(root);
        root.setAttributeNS(XMLNS, "xmlns:r", "urn:root");
        root.setAttributeNS(XMLNS, "xmlns", "urn:default");
        root.setAttributeNS(XMLNS, "xmlns:a", "urn:attr");
        root.setAttributeNS(null, "ID", "_root");
        root.setAttributeNS(null, "plain", TRICKY_ATTRIBUTE);
        root.setAttributeNS("urn:attr", "a:flag", "x&y<z>\"w\"");
        root.setAttributeNS(XML, "xml:lang", "de-CH");

        Element child = doc.createElementNS("urn:default", "Child");
        root.appendChild(child);
        child.appendChild(doc.createTextNode(TRICKY_TEXT));

        Element nested = doc.createElementNS("urn:nested", "n:Deep");
        nested.setAttributeNS(XMLNS, "xmlns:n", "urn:nested");
        nested.setAttributeNS("urn:nested", "n:own", "declared on the same element");
        child.appendChild(nested);
        Element rebound = doc.createElementNS("urn:other", "r:Rebound");
        rebound.setAttributeNS(XMLNS, "xmlns:r", "urn:other");
        nested.appendChild(rebound);
        rebound.appendChild(doc.createTextNode("inner"));
        Element deeper = doc.createElementNS("urn:nested", "n:Deeper");
        rebound.appendChild(deeper);
        deeper.setAttributeNS("urn:attr", "a:inherited", "from the root");

        Element outerAgain = doc.createElementNS("urn:root", "r:Back"); // r is urn:root again out here
        root.appendChild(outerAgain);

        Element unqualified = doc.createElementNS(null, "NoNamespace");
        unqualified.setAttributeNS(XMLNS, "xmlns", "");
        root.appendChild(unqualified);
        Element unqualifiedChild = doc.createElementNS(null, "StillNone");
        unqualified.appendChild(unqualifiedChild);

        Element empty = doc.createElementNS("urn:default", "Empty");
        root.appendChild(empty);
        root.appendChild(doc.createTextNode("  \n  "));
        return doc;
    }

    @Test
    void writtenTreeParsesBackEqualToTheBuiltOne() {
        Document built = tricky();

        String xml = SafeXml.writeBuilt(built);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"");
        Document parsed = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.getDocumentElement().isEqualNode(built.getDocumentElement()))
                .as("round trip of\n%s", xml).isTrue();
        Element root = parsed.getDocumentElement();
        assertThat(root.getAttributeNS(null, "plain")).isEqualTo(TRICKY_ATTRIBUTE);
        assertThat(root.getAttributeNS("urn:attr", "flag")).isEqualTo("x&y<z>\"w\"");
        assertThat(root.getAttributeNS(XML, "lang")).isEqualTo("de-CH");
        assertThat(root.getElementsByTagNameNS("urn:default", "Child").item(0).getFirstChild().getNodeValue()).isEqualTo(TRICKY_TEXT);
        assertThat(root.getElementsByTagNameNS("urn:other", "Rebound").getLength()).isEqualTo(1);
        assertThat(root.getElementsByTagNameNS("urn:root", "Back").getLength()).isEqualTo(1);
        assertThat(root.getElementsByTagNameNS(null, "StillNone").getLength()).isEqualTo(1);
        assertThat(((Element) root.getElementsByTagNameNS("urn:nested", "Deeper").item(0))
                .getAttributeNS("urn:attr", "inherited")).isEqualTo("from the root");
    }

    @Test
    void writtenTreeIsTheSameAsTheIdentityTransformersInCanonicalForm() throws Exception {
        String fast = SafeXml.writeBuilt(tricky());
        String reference = SafeXml.write(tricky());

        Document fromFast = SafeXml.parse(fast.getBytes(StandardCharsets.UTF_8));
        Document fromReference = SafeXml.parse(reference.getBytes(StandardCharsets.UTF_8));
        assertThat(fromFast.getDocumentElement().isEqualNode(fromReference.getDocumentElement()))
                .as("fast:\n%s\nreference:\n%s", fast, reference).isTrue();
        for (String algorithm : List.of(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)) {
            assertThat(canonical(fromFast, algorithm)).as(algorithm).isEqualTo(canonical(fromReference, algorithm));
        }
    }

    @Test
    void signedResponseWrittenThisWayStillVerifies() throws Exception {
        TestSamlResponses.Idp idp = TestSamlResponses.Idp.create("https://idp.example.test/metadata");
        Document doc = idp.response().role("arn:aws:iam::123456789012:role/Demo", "arn:aws:iam::123456789012:saml-provider/G")
                .sessionName("alice & <bob>").signResponse(true).document();

        String fast = SafeXml.writeBuilt(doc);
        String reference = SafeXml.write(doc);

        List<X509Certificate> trusted = List.of(idp.signing().certificate());
        SamlVerification result = new SignedSamlVerifier().verify(TestSamlResponses.base64(fast), idp.entityId(), trusted);
        assertThat(result).as(fast).isInstanceOf(SamlVerification.Verified.class);
        assertThat(((SamlVerification.Verified) result).assertion().attribute(TestSamlResponses.ROLE_SESSION_NAME))
                .containsExactly("alice & <bob>");
        // Santuario declares xmlns:ds again on KeyInfo; this writer keeps that redundant declaration where the
        // Transformer drops it, so the two agree in canonical form rather than node for node.
        Document fromFast = SafeXml.parse(fast.getBytes(StandardCharsets.UTF_8));
        Document fromReference = SafeXml.parse(reference.getBytes(StandardCharsets.UTF_8));
        assertThat(fromFast.getDocumentElement().isEqualNode(doc.getDocumentElement())).as("round trip").isTrue();
        for (String algorithm : List.of(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)) {
            assertThat(canonical(fromFast, algorithm)).as(algorithm).isEqualTo(canonical(fromReference, algorithm));
        }

        String tampered = fast.replace("alice &amp; &lt;bob&gt;", "mallory");
        assertThat(tampered).isNotEqualTo(fast);
        assertThat(new SignedSamlVerifier().verify(TestSamlResponses.base64(tampered), idp.entityId(), trusted))
                .isInstanceOf(SamlVerification.Failed.class);
    }

    @Test
    void elementWithUndeclaredPrefixIsRefused() {
        assertRefused(doc -> doc.getDocumentElement().appendChild(doc.createElementNS("urn:x", "x:Undeclared")));
    }

    @Test
    void attributeWithUndeclaredPrefixIsRefused() {
        assertRefused(doc -> ((Element) doc.getDocumentElement().getFirstChild()).setAttributeNS("urn:q", "q:attr", "v"));
    }

    @Test
    void prefixBoundToAnotherNamespaceIsRefused() {
        // r is declared, but for urn:root; writing r:Wrong would put it in the wrong namespace
        assertRefused(doc -> doc.getDocumentElement().appendChild(doc.createElementNS("urn:wrong", "r:Wrong")));
    }

    @Test
    void declarationOnASiblingIsNotInScope() {
        assertRefused(doc -> {
            Element sibling = doc.createElementNS("urn:nested", "n:Sibling"); // n is declared inside Child only
            doc.getDocumentElement().appendChild(sibling);
        });
    }

    @Test
    void unprefixedElementOutsideItsDefaultNamespaceIsRefused() {
        // in scope the default namespace is urn:default: a namespace-less element would be read back inside it
        assertRefused(doc -> doc.getDocumentElement().appendChild(doc.createElementNS(null, "Lost")));
        // and an unprefixed element in a namespace nobody declared as default
        assertRefused(doc -> doc.getElementsByTagNameNS(null, "NoNamespace").item(0)
                .appendChild(doc.createElementNS("urn:default", "NotDefaultHere")));
    }

    @Test
    void commentProcessingInstructionAndCdataAreRefused() {
        assertRefused(doc -> doc.getDocumentElement().appendChild(doc.createComment("a comment")));
        assertRefused(doc -> doc.getDocumentElement().getFirstChild().appendChild(doc.createComment("nested comment")));
        assertRefused(doc -> doc.getDocumentElement().appendChild(doc.createProcessingInstruction("pi", "data")));
        assertRefused(doc -> doc.getDocumentElement().appendChild(doc.createCDATASection("<cdata>")));
    }

    @Test
    void documentWithoutNamespacesIsWrittenAsIs() {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElementNS(null, "root");
        doc.appendChild(root);
        root.setAttributeNS(null, "a", "1");
        root.appendChild(doc.createElementNS(null, "child")).appendChild(doc.createTextNode("t"));

        assertThat(SafeXml.writeBuilt(doc)).endsWith("<root a=\"1\"><child>t</child></root>");
    }

    private static void assertRefused(Consumer<Document> change) {
        Document doc = tricky();
        SafeXml.writeBuilt(doc); // fine before the change
        change.accept(doc);
        assertThatThrownBy(() -> SafeXml.writeBuilt(doc)).isInstanceOf(IllegalStateException.class);
    }

    private static String canonical(Document doc, String algorithm) throws Exception {
        Santuario.init();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(algorithm).canonicalizeSubtree((Node) doc.getDocumentElement(), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
