package dev.gatehouse.idp;

import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the POST-binding page carries, for assertions in tests. */
final class SamlResponses {
    private static final Pattern FIELD = Pattern.compile("name=\"(SAMLResponse|RelayState)\" value=\"([^\"]*)\"");

    private SamlResponses() {
    }

    static String field(String html, String name) {
        Matcher m = FIELD.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return unescape(m.group(2));
            }
        }
        return null;
    }

    static String unescape(String s) {
        Matcher m = Pattern.compile("&#(\\d+);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String xml(String html) {
        String b64 = field(html, "SAMLResponse");
        if (b64 == null) {
            throw new AssertionError("no SAMLResponse on the page: " + html);
        }
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
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
