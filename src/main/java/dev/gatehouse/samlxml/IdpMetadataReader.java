package dev.gatehouse.samlxml;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Extension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an identity provider's SAML metadata the way an AWS account does on upload: the entityID, every signing
 * certificate of the {@code IDPSSODescriptor} ({@code use="signing"} or no {@code use}), and {@code validUntil}.
 * Refuses what AWS refuses with an {@link InvalidXmlException} whose message says why: unparsable XML, no
 * IdP descriptor, no signing certificate, RSA keys under 1024 bits, certificates with repeated extensions.
 * Stateless and thread-safe.
 */
public final class IdpMetadataReader {
    private static final int MIN_RSA_BITS = 1024;

    /**
     * What the metadata says.
     *
     * @param validUntil the metadata's {@code validUntil}, or {@code null} when it has none
     */
    public record IdpMetadata(String entityId, List<X509Certificate> signingCertificates, Instant validUntil) {
    }

    private IdpMetadataReader() {
    }

    public static IdpMetadata read(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new InvalidXmlException("The metadata document is empty.");
        }
        if (xml.charAt(0) == '\uFEFF') {
            throw new InvalidXmlException("The metadata document starts with a byte-order mark; save it as UTF-8 without BOM.");
        }
        Document doc = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        Element root = doc.getDocumentElement();
        Element entity = findIdpEntity(root);
        if (entity == null) {
            throw new InvalidXmlException("The metadata has no EntityDescriptor with an IDPSSODescriptor.");
        }
        String entityId = entity.getAttribute("entityID").trim();
        if (entityId.isEmpty()) {
            throw new InvalidXmlException("The EntityDescriptor has no entityID.");
        }
        Instant validUntil = validUntil(entity);
        if (validUntil == null && entity != root) {
            validUntil = validUntil(root);
        }
        Element idp = child(entity, SamlNames.METADATA_NS, "IDPSSODescriptor");
        List<X509Certificate> certs = new ArrayList<>();
        for (Node n = idp.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element kd && SamlNames.METADATA_NS.equals(kd.getNamespaceURI()) && "KeyDescriptor".equals(kd.getLocalName())) {
                String use = kd.getAttribute("use");
                if (use.isEmpty() || use.equals("signing")) {
                    certs.addAll(certificates(kd));
                }
            }
        }
        if (certs.isEmpty()) {
            throw new InvalidXmlException("The IDPSSODescriptor has no signing certificate (KeyDescriptor with an X509Certificate).");
        }
        return new IdpMetadata(entityId, List.copyOf(certs), validUntil);
    }

    private static Element findIdpEntity(Element root) {
        if (!SamlNames.METADATA_NS.equals(root.getNamespaceURI())) {
            return null;
        }
        if ("EntityDescriptor".equals(root.getLocalName())) {
            return child(root, SamlNames.METADATA_NS, "IDPSSODescriptor") != null ? root : null;
        }
        if ("EntitiesDescriptor".equals(root.getLocalName())) {
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    Element found = findIdpEntity(e);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    private static Instant validUntil(Element e) {
        String value = e.getAttribute("validUntil").trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$") ? value : value + "Z").toInstant();
        } catch (DateTimeParseException ex) {
            throw new InvalidXmlException("validUntil is not an xs:dateTime: " + value);
        }
    }

    private static List<X509Certificate> certificates(Element keyDescriptor) {
        List<X509Certificate> out = new ArrayList<>();
        var nodes = keyDescriptor.getElementsByTagNameNS(SamlNames.DSIG_NS, "X509Certificate");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(certificate(nodes.item(i).getTextContent()));
        }
        return out;
    }

    static X509Certificate certificate(String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidXmlException("An X509Certificate is not valid base64.");
        }
        checkExtensionsNotRepeated(der);
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidXmlException("An X509Certificate cannot be parsed: " + e.getMessage());
        }
        if (cert.getPublicKey() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new InvalidXmlException("A signing certificate has a " + rsa.getModulus().bitLength()
                    + "-bit RSA key; AWS requires at least " + MIN_RSA_BITS + " bits.");
        }
        return cert;
    }

    /** AWS refuses certificates that carry the same extension twice; read the raw DER so no parser hides it. */
    private static void checkExtensionsNotRepeated(byte[] der) {
        ASN1Sequence extensions;
        try {
            ASN1Sequence certificate = ASN1Sequence.getInstance(der);
            ASN1Sequence tbs = ASN1Sequence.getInstance(certificate.getObjectAt(0));
            extensions = null;
            for (int i = 0; i < tbs.size(); i++) {
                if (tbs.getObjectAt(i) instanceof org.bouncycastle.asn1.ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    extensions = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                }
            }
        } catch (RuntimeException e) {
            throw new InvalidXmlException("An X509Certificate is not valid DER.");
        }
        if (extensions == null) {
            return;
        }
        Set<ASN1ObjectIdentifier> seen = new HashSet<>();
        for (int i = 0; i < extensions.size(); i++) {
            ASN1ObjectIdentifier oid;
            try {
                oid = ASN1ObjectIdentifier.getInstance(ASN1Sequence.getInstance(extensions.getObjectAt(i)).getObjectAt(0));
            } catch (RuntimeException e) {
                throw new InvalidXmlException("An X509Certificate has a malformed extension.");
            }
            if (!seen.add(oid)) {
                throw new InvalidXmlException("A signing certificate repeats the extension " + oid
                        + (oid.equals(Extension.basicConstraints) ? " (basicConstraints)" : "") + ".");
            }
        }
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
