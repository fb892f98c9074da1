package dev.gatehouse.samlxml;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.transforms.params.InclusiveNamespaces;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Signs a SAML element with an enveloped XML signature: RSA-SHA256 over SHA-256 digests, exclusive
 * canonicalization (with {@code xs} kept for {@code xsi:type} values), the certificate in KeyInfo, and the
 * Signature placed where the SAML schema wants it (right after the Issuer). Thread-safe.
 */
public final class XmlSigner {
    static {
        Santuario.init();
    }

    private XmlSigner() {
    }

    /**
     * Signs {@code target}, whose {@code ID} attribute the Reference points at.
     *
     * @param insertBefore the child the Signature goes before (the node after Issuer), or {@code null} to append
     */
    public static void sign(Element target, Node insertBefore, PrivateKey key, X509Certificate certificate) {
        String id = target.getAttributeNS(null, "ID");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("element to sign has no ID");
        }
        target.setIdAttributeNS(null, "ID", true);
        try {
            XMLSignature signature = new XMLSignature(target.getOwnerDocument(), null,
                    XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, SamlNames.EXC_C14N);
            target.insertBefore(signature.getElement(), insertBefore);
            Transforms transforms = new Transforms(target.getOwnerDocument());
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            transforms.item(1).getElement().appendChild(
                    new InclusiveNamespaces(target.getOwnerDocument(), "xs").getElement());
            signature.addDocument("#" + id, transforms, SamlNames.SHA256);
            addCertificate(signature, certificate);
            signature.sign(key);
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * KeyInfo/X509Data/X509Certificate, with the certificate's base64 computed once per certificate rather than per
     * signature. KeyInfo lies outside SignedInfo, so this changes no signed byte.
     */
    private static void addCertificate(XMLSignature signature, X509Certificate certificate) {
        String base64 = CERTIFICATE_TEXT.get(certificate, XmlSigner::base64);
        Document doc = signature.getDocument();
        Element data = doc.createElementNS(Constants.SignatureSpecNS, "ds:X509Data");
        Element cert = doc.createElementNS(Constants.SignatureSpecNS, "ds:X509Certificate");
        cert.setTextContent(base64);
        data.appendChild(cert);
        signature.getKeyInfo().getElement().appendChild(data);
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getMimeEncoder(76, new byte[]{'\n'}).encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Certificates in use (one per application, two during a rotation); bounded so retired ones age out. */
    private static final Cache<X509Certificate, String> CERTIFICATE_TEXT = Caffeine.newBuilder()
            .maximumSize(4_096).executor(Runnable::run).build();
}
