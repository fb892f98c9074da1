package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.samlxml.SamlNames;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.security.cert.CertificateEncodingException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import static dev.gatehouse.samlxml.SamlNames.METADATA_NS;

/**
 * An application's IdP metadata (SAML Metadata §2.4.3): its entityID, the certificates of its published keys
 * for signing, the NameID formats it can send and its single sign-on endpoints. What AWS IAM's
 * CreateSAMLProvider reads: entityID, signing keys, validUntil (the active certificate's expiry).
 */
public final class IdpMetadata {
    private IdpMetadata() {
    }

    /**
     * @param keys   published keys, the active one first
     * @param ssoUrl this application's SingleSignOnService location
     */
    public static String build(App app, List<SigningKey> keys, String ssoUrl) {
        Document doc = SafeXml.newDocument();
        Element entity = doc.createElementNS(METADATA_NS, "md:EntityDescriptor");
        entity.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:md", METADATA_NS);
        entity.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:ds", SamlNames.DSIG_NS);
        entity.setAttribute("entityID", app.entityId());
        entity.setAttribute("validUntil", keys.get(0).notAfter().truncatedTo(ChronoUnit.SECONDS).toString());
        doc.appendChild(entity);

        Element idp = element(entity, METADATA_NS, "md:IDPSSODescriptor");
        idp.setAttribute("WantAuthnRequestsSigned", "false");
        idp.setAttribute("protocolSupportEnumeration", SamlNames.PROTOCOL_NS);
        for (SigningKey key : keys) {
            Element descriptor = element(idp, METADATA_NS, "md:KeyDescriptor");
            descriptor.setAttribute("use", "signing");
            Element keyInfo = element(descriptor, SamlNames.DSIG_NS, "ds:KeyInfo");
            Element data = element(keyInfo, SamlNames.DSIG_NS, "ds:X509Data");
            element(data, SamlNames.DSIG_NS, "ds:X509Certificate").setTextContent(base64(key));
        }
        for (String format : List.of(SamlNames.NAMEID_PERSISTENT, SamlNames.NAMEID_TRANSIENT,
                SamlNames.NAMEID_EMAIL, SamlNames.NAMEID_UNSPECIFIED)) {
            element(idp, METADATA_NS, "md:NameIDFormat").setTextContent(format);
        }
        for (String binding : List.of(SamlNames.BINDING_POST, SamlNames.BINDING_REDIRECT)) {
            Element sso = element(idp, METADATA_NS, "md:SingleSignOnService");
            sso.setAttribute("Binding", binding);
            sso.setAttribute("Location", ssoUrl);
        }
        return SafeXml.write(doc);
    }

    private static Element element(Element parent, String ns, String name) {
        Element e = parent.getOwnerDocument().createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private static String base64(SigningKey key) {
        try {
            return Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
