package dev.gatehouse.idp;

import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.keys.EncryptionCertificates;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.samlxml.AssertionEncrypter;
import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.samlxml.XmlSigner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

import static dev.gatehouse.samlxml.SamlNames.ASSERTION_NS;
import static dev.gatehouse.samlxml.SamlNames.PROTOCOL_NS;

/**
 * Builds a signed SAML 2.0 Response for one sign-in, in the steps of SAML Core §2–3 and the Web Browser SSO
 * profile (Profiles §4.1.4.2): response shell, issuer, status, then one assertion with its issuer, subject and
 * bearer confirmation, conditions and audience, authentication statement, attributes, the assertion's enveloped
 * signature and, for an application with an encryption certificate, the encryption of the signed assertion. Every value goes in as a DOM text node or attribute, so it is escaped by the
 * serializer and never pasted into markup. Thread-safe.
 */
public final class ResponseBuilder {
    /** How long the bearer assertion may be presented (SubjectConfirmationData and Conditions NotOnOrAfter). */
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    /** Slack before now in Conditions NotBefore, for service providers whose clock runs a little behind ours. */
    static final Duration NOT_BEFORE_SLACK = Duration.ofSeconds(60);

    private final Clock clock;
    private final RandomIds ids;
    private final Function<String, Optional<X509Certificate>> encryptionCertificate;

    /** A builder whose assertions are never encrypted. */
    public ResponseBuilder(Clock clock, RandomIds ids) {
        this(clock, ids, appId -> Optional.empty());
    }

    /**
     * @param encryptionCertificate the certificate an application's assertions are encrypted to, by application id
     *                              (empty: plaintext), e.g. {@link EncryptionCertificates#forLaunch}
     */
    public ResponseBuilder(Clock clock, RandomIds ids, Function<String, Optional<X509Certificate>> encryptionCertificate) {
        this.clock = clock;
        this.ids = ids;
        this.encryptionCertificate = encryptionCertificate;
    }

    /** A built response: the serialized XML and the assertion's ID (for the audit log). */
    public record Built(String xml, String responseId, String assertionId) {
    }

    public Built build(SignInRequest request, AssertionContent content, SigningKey key) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Document doc = SafeXml.newDocument();
        String responseId = newId();
        String assertionId = newId();

        Element response = addResponseShell(doc, request, responseId, now);
        addIssuer(response, request);
        addStatusSuccess(response);
        Element assertion = addAssertionShell(response, assertionId, now);
        Element assertionIssuer = addIssuer(assertion, request);
        addSubject(assertion, request, content, now);
        addConditions(assertion, request, now);
        addAuthnStatement(assertion, request, assertionId, now);
        addAttributeStatement(assertion, content);
        signAssertion(assertion, assertionIssuer, key);
        encryptAssertion(assertion, request);
        return new Built(SafeXml.writeBuilt(doc), responseId, assertionId);
    }

    private static Element addResponseShell(Document doc, SignInRequest request, String id, Instant now) {
        Element response = doc.createElementNS(PROTOCOL_NS, "saml2p:Response");
        response.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:saml2p", PROTOCOL_NS);
        response.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:saml2", ASSERTION_NS);
        response.setAttribute("ID", id);
        response.setAttribute("Version", "2.0");
        response.setAttribute("IssueInstant", now.toString());
        response.setAttribute("Destination", request.target().acsUrl());
        if (request.inResponseTo() != null) {
            response.setAttribute("InResponseTo", request.inResponseTo());
        }
        doc.appendChild(response);
        return response;
    }

    private static Element addIssuer(Element parent, SignInRequest request) {
        Element issuer = child(parent, "saml2:Issuer", request.app().entityId());
        issuer.setAttribute("Format", SamlNames.NAMEID_ENTITY);
        return issuer;
    }

    private static void addStatusSuccess(Element response) {
        Element status = child(response, "saml2p:Status", null);
        Element code = status.getOwnerDocument().createElementNS(PROTOCOL_NS, "saml2p:StatusCode");
        code.setAttribute("Value", SamlNames.STATUS_SUCCESS);
        status.appendChild(code);
    }

    private static Element addAssertionShell(Element response, String id, Instant now) {
        Element assertion = child(response, "saml2:Assertion", null);
        // Declared here, not only on the Response, so the signed subtree carries every binding it uses
        // (xs is referenced only from xsi:type values, which exclusive c14n would otherwise drop).
        assertion.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:saml2", ASSERTION_NS);
        assertion.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:xs", SamlNames.XS_NS);
        assertion.setAttributeNS(SamlNames.XMLNS_NS, "xmlns:xsi", SamlNames.XSI_NS);
        assertion.setAttribute("ID", id);
        assertion.setAttribute("Version", "2.0");
        assertion.setAttribute("IssueInstant", now.toString());
        return assertion;
    }

    private static void addSubject(Element assertion, SignInRequest request, AssertionContent content, Instant now) {
        Element subject = child(assertion, "saml2:Subject", null);
        Element nameId = child(subject, "saml2:NameID", content.nameId());
        nameId.setAttribute("Format", content.nameIdFormat());
        Element confirmation = child(subject, "saml2:SubjectConfirmation", null);
        confirmation.setAttribute("Method", SamlNames.CM_BEARER);
        Element data = child(confirmation, "saml2:SubjectConfirmationData", null);
        if (request.inResponseTo() != null) {
            data.setAttribute("InResponseTo", request.inResponseTo());
        }
        data.setAttribute("NotOnOrAfter", now.plus(ASSERTION_LIFETIME).toString());
        data.setAttribute("Recipient", request.target().acsUrl());
    }

    private static void addConditions(Element assertion, SignInRequest request, Instant now) {
        Element conditions = child(assertion, "saml2:Conditions", null);
        conditions.setAttribute("NotBefore", now.minus(NOT_BEFORE_SLACK).toString());
        conditions.setAttribute("NotOnOrAfter", now.plus(ASSERTION_LIFETIME).toString());
        Element restriction = child(conditions, "saml2:AudienceRestriction", null);
        child(restriction, "saml2:Audience", request.target().audience());
    }

    private static void addAuthnStatement(Element assertion, SignInRequest request, String sessionIndex, Instant now) {
        Element statement = child(assertion, "saml2:AuthnStatement", null);
        statement.setAttribute("AuthnInstant", request.authentication().instant().truncatedTo(ChronoUnit.SECONDS).toString());
        statement.setAttribute("SessionIndex", sessionIndex);
        statement.setAttribute("SessionNotOnOrAfter",
                now.plusSeconds(request.target().sessionDurationSeconds()).toString());
        Element context = child(statement, "saml2:AuthnContext", null);
        child(context, "saml2:AuthnContextClassRef", request.authentication().contextClassRef());
    }

    private static void addAttributeStatement(Element assertion, AssertionContent content) {
        if (content.attributes().isEmpty()) {
            return; // SAML Core §2.7.3: an AttributeStatement must hold at least one Attribute
        }
        Element statement = child(assertion, "saml2:AttributeStatement", null);
        for (AssertionContent.Attribute attribute : content.attributes()) {
            Element a = child(statement, "saml2:Attribute", null);
            a.setAttribute("Name", attribute.name());
            a.setAttribute("NameFormat", attribute.nameFormat());
            for (String value : attribute.values()) {
                Element v = child(a, "saml2:AttributeValue", value);
                v.setAttributeNS(SamlNames.XSI_NS, "xsi:type", "xs:string");
            }
        }
    }

    private static void signAssertion(Element assertion, Element issuer, SigningKey key) {
        XmlSigner.sign(assertion, issuer.getNextSibling(), key.privateKey(), key.certificate());
    }

    /**
     * Sign, then encrypt (SAML Core §6.2; what AWS expects): when the application has an encryption certificate, the
     * signed assertion is replaced by an EncryptedAssertion under a content key used for this assertion only.
     */
    private void encryptAssertion(Element assertion, SignInRequest request) {
        encryptionCertificate.apply(request.app().id())
                .ifPresent(certificate -> AssertionEncrypter.encrypt(assertion, certificate, ids.bytes(32)));
    }

    private static Element child(Element parent, String qualifiedName, String text) {
        String ns = qualifiedName.startsWith("saml2p:") ? PROTOCOL_NS : ASSERTION_NS;
        Element e = parent.getOwnerDocument().createElementNS(ns, qualifiedName);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    /** 128 random bits as an NCName ("_" first: IDs must not start with a digit). */
    private String newId() {
        return "_" + ids.hex(16);
    }
}
