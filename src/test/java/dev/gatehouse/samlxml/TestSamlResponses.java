package dev.gatehouse.samlxml;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Test fixture: an IdP with a real self-signed RSA-2048 key (BouncyCastle), its metadata, and signed SAML
 * Responses built the way AWS expects them (aws-saml-spec §8.1) and signed with {@link XmlSigner}. Every part can
 * be tweaked, left unsigned, signed by another key, or changed after signing to forge hostile shapes.
 */
public final class TestSamlResponses {
    public static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    public static final String ROLE_SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public static final String SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    public static final String SOURCE_IDENTITY = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    public static final String AWS_AUDIENCE = "urn:amazon:webservices";
    public static final String AWS_SIGNIN = "https://signin.aws.amazon.com/saml";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSamlResponses() {
    }

    /** A private key and its self-signed certificate. */
    public record SigningIdentity(PrivateKey key, X509Certificate certificate) {
        public static SigningIdentity generate(String commonName) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                KeyPair pair = generator.generateKeyPair();
                X500Name name = new X500Name("CN=" + commonName);
                Instant now = Instant.now();
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                        new BigInteger(64, RANDOM), Date.from(now.minus(1, ChronoUnit.DAYS)),
                        Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
                return new SigningIdentity(pair.getPrivate(), certificate);
            } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                     | org.bouncycastle.cert.CertIOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String certificateBase64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An identity provider: entity ID plus signing identity. */
    public record Idp(String entityId, SigningIdentity signing) {
        public static Idp create(String entityId) {
            return new Idp(entityId, SigningIdentity.generate("Test IdP " + entityId));
        }

        /** IdP metadata listing this IdP's certificate (and any {@code extra} ones) as signing keys. */
        public String metadataXml(SigningIdentity... extra) {
            StringBuilder keys = new StringBuilder();
            List<SigningIdentity> all = new ArrayList<>(List.of(signing));
            all.addAll(List.of(extra));
            for (SigningIdentity identity : all) {
                keys.append("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                        .append(identity.certificateBase64())
                        .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
            }
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" \
                    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s" validUntil="%s">\
                    <md:IDPSSODescriptor WantAuthnRequestsSigned="false" \
                    protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s\
                    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" \
                    Location="https://idp.example.test/saml/sso"/>\
                    </md:IDPSSODescriptor></md:EntityDescriptor>
                    """.formatted(entityId, Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), keys);
        }

        public Builder response() {
            return new Builder(this);
        }
    }

    /** Builds one Response; defaults are a valid AWS sign-in assertion issued now. */
    public static final class Builder {
        private final Idp idp;
        private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private String issuer;
        private String responseIssuer;
        private List<String> audiences = List.of(AWS_AUDIENCE);
        private String recipient = AWS_SIGNIN;
        private boolean destinationIsRecipient = true;
        private String destination;
        private String nameId = "u-7f3c2a-alice";
        private String nameIdFormat = SamlNames.NAMEID_PERSISTENT;
        private Duration lifetime = Duration.ofMinutes(5);
        private Instant sessionNotOnOrAfter;
        private String inResponseTo;
        private final Map<String, List<String>> attributes = new LinkedHashMap<>();
        private SigningIdentity signer;
        private boolean signAssertion = true;
        private boolean signResponse;
        private final List<Consumer<Document>> afterSigning = new ArrayList<>();

        private Builder(Idp idp) {
            this.idp = idp;
            this.issuer = idp.entityId();
            this.signer = idp.signing();
            this.sessionNotOnOrAfter = now.plus(8, ChronoUnit.HOURS);
            attributes.put(ROLE_SESSION_NAME, List.of("alice@example.com"));
        }

        public Builder now(Instant now) {
            this.now = now.truncatedTo(ChronoUnit.SECONDS);
            this.sessionNotOnOrAfter = this.now.plus(8, ChronoUnit.HOURS);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** A Response-level Issuer (absent by default). */
        public Builder responseIssuer(String responseIssuer) {
            this.responseIssuer = responseIssuer;
            return this;
        }

        public Builder audiences(String... audiences) {
            this.audiences = List.of(audiences);
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        /** The Response's Destination; {@code null} leaves it out. Unless set, it is the Recipient. */
        public Builder destination(String destination) {
            this.destinationIsRecipient = false;
            this.destination = destination;
            return this;
        }

        /** {@code null} leaves the NameID out. */
        public Builder nameId(String nameId, String format) {
            this.nameId = nameId;
            this.nameIdFormat = format;
            return this;
        }

        /** How long the Conditions and the SubjectConfirmationData stay valid from {@code now}. */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder sessionNotOnOrAfter(Instant sessionNotOnOrAfter) {
            this.sessionNotOnOrAfter = sessionNotOnOrAfter;
            return this;
        }

        public Builder inResponseTo(String inResponseTo) {
            this.inResponseTo = inResponseTo;
            return this;
        }

        /** Adds one Role value {@code roleArn,providerArn}. */
        public Builder role(String roleArn, String providerArn) {
            attributes.computeIfAbsent(ROLE, k -> new ArrayList<>()).add(roleArn + "," + providerArn);
            return this;
        }

        /** Sets (replaces) an attribute; no values removes it. */
        public Builder attribute(String name, String... values) {
            if (values.length == 0) {
                attributes.remove(name);
            } else {
                attributes.put(name, new ArrayList<>(List.of(values)));
            }
            return this;
        }

        public Builder sessionName(String sessionName) {
            return attribute(ROLE_SESSION_NAME, sessionName);
        }

        public Builder signWith(SigningIdentity signer) {
            this.signer = signer;
            return this;
        }

        public Builder unsigned() {
            this.signAssertion = false;
            this.signResponse = false;
            return this;
        }

        /** Signs the Response (in addition to the Assertion unless {@code alsoAssertion} is false). */
        public Builder signResponse(boolean alsoAssertion) {
            this.signResponse = true;
            this.signAssertion = alsoAssertion;
            return this;
        }

        /** Changes the document after it was signed (tampering, wrapping). */
        public Builder afterSigning(Consumer<Document> change) {
            afterSigning.add(change);
            return this;
        }

        public Document document() {
            Document doc = SafeXml.newDocument();
            String p = SamlNames.PROTOCOL_NS;
            String a = SamlNames.ASSERTION_NS;
            Element response = doc.createElementNS(p, "samlp:Response");
            doc.appendChild(response);
            response.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:samlp", p);
            response.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:saml", a);
            response.setAttributeNS(null, "ID", newId());
            response.setAttributeNS(null, "Version", "2.0");
            response.setAttributeNS(null, "IssueInstant", now.toString());
            String dest = destinationIsRecipient ? recipient : destination;
            if (dest != null) {
                response.setAttributeNS(null, "Destination", dest);
            }
            if (inResponseTo != null) {
                response.setAttributeNS(null, "InResponseTo", inResponseTo);
            }
            if (responseIssuer != null) {
                text(response, a, "saml:Issuer", responseIssuer);
            }
            Element status = child(response, p, "samlp:Status");
            child(status, p, "samlp:StatusCode").setAttributeNS(null, "Value", SamlNames.STATUS_SUCCESS);

            Element assertion = child(response, a, "saml:Assertion");
            assertion.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:xs", SamlNames.XS_NS);
            assertion.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:xsi", SamlNames.XSI_NS);
            String assertionId = newId();
            assertion.setAttributeNS(null, "ID", assertionId);
            assertion.setAttributeNS(null, "Version", "2.0");
            assertion.setAttributeNS(null, "IssueInstant", now.toString());
            text(assertion, a, "saml:Issuer", issuer);
            Element subject = child(assertion, a, "saml:Subject");
            if (nameId != null) {
                Element id = text(subject, a, "saml:NameID", nameId);
                if (nameIdFormat != null) {
                    id.setAttributeNS(null, "Format", nameIdFormat);
                }
            }
            Element confirmation = child(subject, a, "saml:SubjectConfirmation");
            confirmation.setAttributeNS(null, "Method", SamlNames.CM_BEARER);
            Element data = child(confirmation, a, "saml:SubjectConfirmationData");
            data.setAttributeNS(null, "NotOnOrAfter", now.plus(lifetime).toString());
            data.setAttributeNS(null, "Recipient", recipient);
            if (inResponseTo != null) {
                data.setAttributeNS(null, "InResponseTo", inResponseTo);
            }
            Element conditions = child(assertion, a, "saml:Conditions");
            conditions.setAttributeNS(null, "NotBefore", now.minusSeconds(30).toString());
            conditions.setAttributeNS(null, "NotOnOrAfter", now.plus(lifetime).toString());
            Element restriction = child(conditions, a, "saml:AudienceRestriction");
            for (String audience : audiences) {
                text(restriction, a, "saml:Audience", audience);
            }
            Element authn = child(assertion, a, "saml:AuthnStatement");
            authn.setAttributeNS(null, "AuthnInstant", now.toString());
            authn.setAttributeNS(null, "SessionIndex", assertionId);
            if (sessionNotOnOrAfter != null) {
                authn.setAttributeNS(null, "SessionNotOnOrAfter", sessionNotOnOrAfter.toString());
            }
            Element context = child(authn, a, "saml:AuthnContext");
            text(context, a, "saml:AuthnContextClassRef", SamlNames.AC_PASSWORD_PROTECTED);
            if (!attributes.isEmpty()) {
                Element statement = child(assertion, a, "saml:AttributeStatement");
                attributes.forEach((name, values) -> {
                    Element attribute = child(statement, a, "saml:Attribute");
                    attribute.setAttributeNS(null, "Name", name);
                    attribute.setAttributeNS(null, "NameFormat", SamlNames.ATTRNAME_URI);
                    for (String value : values) {
                        Element v = text(attribute, a, "saml:AttributeValue", value);
                        v.setAttributeNS(SamlNames.XSI_NS, "xsi:type", "xs:string");
                    }
                });
            }
            if (signAssertion) {
                XmlSigner.sign(assertion, assertion.getFirstChild().getNextSibling(), signer.key(), signer.certificate());
            }
            if (signResponse) {
                Node after = responseIssuer != null ? response.getFirstChild().getNextSibling() : response.getFirstChild();
                XmlSigner.sign(response, after, signer.key(), signer.certificate());
            }
            afterSigning.forEach(change -> change.accept(doc));
            return doc;
        }

        public String xml() {
            return SafeXml.write(document());
        }

        public String base64() {
            return Base64.getEncoder().encodeToString(xml().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Base64 of an arbitrary XML text, for hand-written hostile documents. */
    public static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "_" + HexFormat.of().formatHex(bytes);
    }

    private static Element child(Element parent, String ns, String qname) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
    }

    private static Element text(Element parent, String ns, String qname, String text) {
        Element e = child(parent, ns, qname);
        e.setTextContent(text);
        return e;
    }
}
