package dev.gatehouse.idp;

import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.testing.PostBindingPage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The POST-binding page's response as a DOM, for assertions on its structure ({@link PostBindingPage} reads the page). */
final class SamlResponses {
    private SamlResponses() {
    }

    static String field(String html, String name) {
        return PostBindingPage.field(html, name).orElse(null);
    }

    static String xml(String html) {
        return PostBindingPage.xml(html);
    }

    static Document document(String html) {
        return SafeXml.parse(xml(html).getBytes(StandardCharsets.UTF_8));
    }

    /** The local names of an element's child elements, in order. */
    static List<String> childNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                names.add(n.getLocalName());
            }
        }
        return names;
    }

    static Element child(Element e, String localName) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getLocalName().equals(localName)) {
                return (Element) n;
            }
        }
        throw new AssertionError("no " + localName + " under " + e.getLocalName());
    }
}
