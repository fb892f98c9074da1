package dev.gatehouse.samlxml;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link VerifiedAssertion} out of the Assertion element a signature was verified over, and nothing
 * else (the Response contributes only its InResponseTo and Destination). Text values are the concatenation of all text and
 * CDATA children; a comment or processing instruction inside a value is refused (the 2017 truncation class,
 * CVE-2017-11427 and kin). Thread-safe (stateless).
 */
final class SamlVerifiedAssertionReader {
    private SamlVerifiedAssertionReader() {
    }

    static VerifiedAssertion read(Element response, Element assertion) {
        String ns = SamlNames.ASSERTION_NS;
        String nameId = null;
        String nameIdFormat = null;
        List<VerifiedAssertion.SubjectConfirmation> confirmations = new ArrayList<>();
        Element subject = optionalChild(assertion, "Subject");
        if (subject != null) {
            Element nameIdElement = optionalChild(subject, "NameID");
            if (nameIdElement != null) {
                nameId = safeText(nameIdElement);
                nameIdFormat = attribute(nameIdElement, "Format");
            }
            for (Element confirmation : children(subject, ns, "SubjectConfirmation")) {
                Element data = optionalChild(confirmation, "SubjectConfirmationData");
                confirmations.add(new VerifiedAssertion.SubjectConfirmation(
                        attribute(confirmation, "Method"),
                        data == null ? null : attribute(data, "Recipient"),
                        data == null ? null : time(data, "NotBefore"),
                        data == null ? null : time(data, "NotOnOrAfter"),
                        data == null ? null : attribute(data, "InResponseTo")));
            }
        }
        Instant notBefore = null;
        Instant notOnOrAfter = null;
        List<String> audiences = new ArrayList<>();
        List<List<String>> restrictions = new ArrayList<>();
        Element conditions = optionalChild(assertion, "Conditions");
        if (conditions != null) {
            notBefore = time(conditions, "NotBefore");
            notOnOrAfter = time(conditions, "NotOnOrAfter");
            for (Element restriction : children(conditions, ns, "AudienceRestriction")) {
                List<String> these = new ArrayList<>();
                for (Element audience : children(restriction, ns, "Audience")) {
                    these.add(safeText(audience).trim());
                }
                audiences.addAll(these);
                restrictions.add(List.copyOf(these));
            }
        }
        List<Element> authnStatements = children(assertion, ns, "AuthnStatement");
        Instant sessionNotOnOrAfter = authnStatements.isEmpty() ? null : time(authnStatements.get(0), "SessionNotOnOrAfter");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : children(assertion, ns, "AttributeStatement")) {
            for (Element attribute : children(statement, ns, "Attribute")) {
                List<String> values = attributes.computeIfAbsent(attribute.getAttributeNS(null, "Name"), k -> new ArrayList<>());
                for (Element value : children(attribute, ns, "AttributeValue")) {
                    values.add(safeText(value));
                }
            }
        }
        attributes.replaceAll((k, v) -> List.copyOf(v));
        return new VerifiedAssertion(assertion.getAttributeNS(null, "ID"), safeText(optionalChild(assertion, "Issuer")).trim(),
                nameId, nameIdFormat, List.copyOf(confirmations), notBefore, notOnOrAfter, List.copyOf(audiences),
                !authnStatements.isEmpty(), sessionNotOnOrAfter, Collections.unmodifiableMap(attributes),
                attribute(response, "InResponseTo"), List.copyOf(restrictions), attribute(response, "Destination"));
    }

    /** All text of {@code element}; refuses comments, processing instructions and child elements inside it. */
    static String safeText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(n.getNodeValue());
                case Node.COMMENT_NODE, Node.PROCESSING_INSTRUCTION_NODE -> throw new SignedSamlVerifier.Refused(
                        SamlVerificationFailure.UNSAFE_CONTENT,
                        "A value in the assertion contains a comment or processing instruction.");
                default -> throw new SignedSamlVerifier.Refused(SamlVerificationFailure.UNSAFE_CONTENT,
                        "A value in the assertion contains markup where text was expected.");
            }
        }
        return text.toString();
    }

    /** The text of the single child {@code ns:localName} of {@code parent}, {@code null} when absent. */
    static String childText(Element parent, String ns, String localName) {
        List<Element> found = children(parent, ns, localName);
        return found.isEmpty() ? null : safeText(found.get(0)).trim();
    }

    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (SignedSamlVerifier.isElement(n, ns, localName)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    static List<Element> descendants(Element root, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        var list = root.getElementsByTagNameNS(ns, localName);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    private static Element optionalChild(Element parent, String localName) {
        List<Element> found = children(parent, SamlNames.ASSERTION_NS, localName);
        if (found.size() > 1) {
            throw new SignedSamlVerifier.Refused(SamlVerificationFailure.UNSAFE_CONTENT,
                    "The assertion has more than one " + localName + ".");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static String attribute(Element element, String name) {
        return element.hasAttributeNS(null, name) ? element.getAttributeNS(null, name) : null;
    }

    private static Instant time(Element element, String name) {
        String value = attribute(element, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignedSamlVerifier.Refused(SamlVerificationFailure.MALFORMED, "The assertion has an unreadable " + name + " time.");
        }
    }
}
