package dev.gatehouse.idp;

import java.util.List;

/**
 * The user-specific content of an assertion after the mappings were applied: the NameID and the attributes.
 *
 * @param nameId       the Subject's NameID value
 * @param nameIdFormat the NameID format URI
 * @param attributes   the attributes in mapping order
 */
public record AssertionContent(String nameId, String nameIdFormat, List<Attribute> attributes) {
    /** A SAML attribute with its NameFormat URI and values (plain text; escaped when written). */
    public record Attribute(String name, String nameFormat, List<String> values) {
    }

    public String attributeValue(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst()
                .map(a -> a.values().isEmpty() ? null : a.values().get(0)).orElse(null);
    }
}
