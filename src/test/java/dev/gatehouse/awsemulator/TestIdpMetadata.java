package dev.gatehouse.awsemulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Builds identity-provider metadata the way an IdP publishes it, with BouncyCastle self-signed RSA certificates,
 * for tests that upload metadata to the emulator.
 */
public final class TestIdpMetadata {
    private TestIdpMetadata() {
    }

    /** As {@link #certificate(int, String)}, as DER; with {@code repeatExtension} basicConstraints appears twice. */
    public static byte[] certificateDer(int bits, String cn, boolean repeatExtension) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + cn);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())).getEncoded();
            return repeatExtension ? withFirstExtensionRepeated(der, kp) : der;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate for a new RSA key of {@code bits}. */
    public static X509Certificate certificate(int bits, String cn) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer(bits, cn, false)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rebuilds the TBS with its first extension written twice and signs it again; no library builds this willingly. */
    private static byte[] withFirstExtensionRepeated(byte[] der, KeyPair kp) throws Exception {
        ASN1Sequence cert = ASN1Sequence.getInstance(der);
        ASN1Sequence tbs = ASN1Sequence.getInstance(cert.getObjectAt(0));
        ASN1EncodableVector newTbs = new ASN1EncodableVector();
        for (int i = 0; i < tbs.size(); i++) {
            if (tbs.getObjectAt(i) instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
                ASN1Sequence exts = ASN1Sequence.getInstance(t.getExplicitBaseObject());
                ASN1EncodableVector twice = new ASN1EncodableVector();
                exts.forEach(twice::add);
                twice.add(exts.getObjectAt(0));
                newTbs.add(new DERTaggedObject(true, 3, new DERSequence(twice)));
            } else {
                newTbs.add(tbs.getObjectAt(i));
            }
        }
        byte[] tbsDer = new DERSequence(newTbs).getEncoded("DER");
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(kp.getPrivate());
        signer.update(tbsDer);
        ASN1EncodableVector out = new ASN1EncodableVector();
        out.add(new DERSequence(newTbs));
        out.add(cert.getObjectAt(1));
        out.add(new DERBitString(signer.sign()));
        return new DERSequence(out).getEncoded("DER");
    }

    /** Metadata for {@code entityId} listing {@code certs} as signing keys, valid until {@code validUntil} (or none). */
    public static String metadata(String entityId, List<X509Certificate> certs, Instant validUntil) {
        List<byte[]> ders = new ArrayList<>();
        for (X509Certificate c : certs) {
            try {
                ders.add(c.getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return metadataFromDer(entityId, ders, validUntil);
    }

    /** Metadata listing the given DER certificates as signing keys. */
    public static String metadataFromDer(String entityId, List<byte[]> certs, Instant validUntil) {
        List<String> keys = new ArrayList<>();
        for (byte[] c : certs) {
            try {
                keys.add("""
                            <md:KeyDescriptor use="signing">
                              <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
                                <ds:X509Data>
                                  <ds:X509Certificate>%s</ds:X509Certificate>
                                </ds:X509Data>
                              </ds:KeyInfo>
                            </md:KeyDescriptor>
                        """.formatted(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s"%s>
                  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                %s    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s/saml/sso"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s/saml/sso"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(entityId, validUntil == null ? "" : " validUntil=\"" + validUntil + "\"", String.join("", keys),
                entityId, entityId);
    }

    /** Metadata with one fresh RSA-2048 signing certificate. */
    public static String metadata(String entityId) {
        return metadata(entityId, List.of(certificate(2048, "idp.example.test")), null);
    }
}
