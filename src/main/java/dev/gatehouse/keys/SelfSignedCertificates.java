package dev.gatehouse.keys;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * Makes signing key pairs the way IAM Identity Center does for SAML applications: RSA 2048, a self-signed
 * SHA-256 certificate valid for five years, marked for digital signatures only.
 */
public final class SelfSignedCertificates {
    /** The generated key pair and its certificate. */
    public record Generated(KeyPair keyPair, X509Certificate certificate) {
    }

    /** RFC 5280's ub-common-name (and ub-organizational-unit-name). */
    static final int MAX_COMMON_NAME = 64;

    private final SecureRandom random;

    public SelfSignedCertificates(SecureRandom random) {
        this.random = random;
    }

    public Generated generate(String commonName, Instant notBefore) {
        return generate(commonName, null, notBefore);
    }

    /**
     * A key pair and a certificate whose subject is {@code CN=commonName, OU=unit, O=Gatehouse}, built attribute by
     * attribute as UTF8Strings (never parsed from text, so quotes, backslashes, plus signs or a leading # are just
     * characters).
     * The common name is cut to X.520's upper bound of 64 characters; {@code unit} may be null.
     */
    public Generated generate(String commonName, String unit, Instant notBefore) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new DERUTF8String(upTo(commonName, MAX_COMMON_NAME)));
            if (unit != null) {
                name.addRDN(BCStyle.OU, new DERUTF8String(upTo(unit, MAX_COMMON_NAME)));
            }
            X500Name subject = name.addRDN(BCStyle.O, new DERUTF8String("Gatehouse")).build();
            Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(5).toInstant();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return new Generated(pair, new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a signing certificate", e);
        }
    }

    /** {@code s} cut to at most {@code max} characters, never inside a surrogate pair. */
    private static String upTo(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("stored certificate is unreadable", e);
        }
    }
}
