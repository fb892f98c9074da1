package dev.gatehouse.idp;

import dev.gatehouse.samlxml.InvalidXmlException;
import dev.gatehouse.samlxml.RedirectBinding;
import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.samlxml.SamlNames;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads an AuthnRequest (SAML Core §3.4.1) from either binding into the few fields SP-initiated SSO needs. The
 * request is not signed by the service providers we serve (metadata says WantAuthnRequestsSigned="false"), so
 * its claims are checked against the application's registered audience and ACS instead of trusted.
 */
public final class AuthnRequestReader {
    /** What an AuthnRequest asks for. {@code acsUrl}, {@code destination} and {@code protocolBinding} may be null. */
    public record AuthnRequest(String id, String issuer, String acsUrl, String destination, String protocolBinding) {
    }

    private AuthnRequestReader() {
    }

    public static AuthnRequest read(byte[] xml) {
        // The same size cap on both bindings: the Redirect binding's inflation limit.
        Document doc = SafeXml.parse(xml, RedirectBinding.MAX_INFLATED_BYTES);
        Element root = doc.getDocumentElement();
        if (!SamlNames.PROTOCOL_NS.equals(root.getNamespaceURI()) || !"AuthnRequest".equals(root.getLocalName())) {
            throw new InvalidXmlException("the message is not a SAML 2.0 AuthnRequest");
        }
        String id = root.getAttribute("ID");
        if (id.isEmpty() || id.length() > 256) {
            throw new InvalidXmlException("the AuthnRequest has no usable ID");
        }
        if (!"2.0".equals(root.getAttribute("Version"))) {
            throw new InvalidXmlException("the AuthnRequest is not SAML version 2.0");
        }
        NodeList issuers = root.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Issuer");
        if (issuers.getLength() != 1 || issuers.item(0).getParentNode() != root) {
            throw new InvalidXmlException("the AuthnRequest must carry exactly one Issuer");
        }
        return new AuthnRequest(id, issuers.item(0).getTextContent().trim(), attribute(root, "AssertionConsumerServiceURL"),
                attribute(root, "Destination"), attribute(root, "ProtocolBinding"));
    }

    private static String attribute(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }
}
