package dev.gatehouse.idp;

import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.Placeholders;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.samlxml.SamlNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies an application's attribute mappings to a user, in order: the {@code Subject} row gives the NameID,
 * every other row one attribute. Values the application's template refuses (a RoleSessionName AWS would reject)
 * are caught here, before anything is signed.
 */
public final class AttributeResolver {

    public AssertionContent resolve(SignInRequest request, List<AttributeMapping> mappings) {
        UserClaims user = request.user();
        String nameId = user.subject();
        String nameIdFormat = SamlNames.NAMEID_PERSISTENT;
        List<AssertionContent.Attribute> attributes = new ArrayList<>();
        for (AttributeMapping row : mappings) {
            String value = substitute(row, user);
            if (row.isSubject()) {
                nameId = value;
                nameIdFormat = nameIdFormat(row.format());
                continue;
            }
            Optional<String> refusal = request.app().template().resolvedValueRefusal(row.attribute(), value);
            if (refusal.isPresent()) {
                throw new SignInRefusedException(409, refusal.get());
            }
            addValue(attributes, row, value);
        }
        return new AssertionContent(nameId, nameIdFormat, attributes);
    }

    /** A repeated row (TransitiveTagKeys) adds a value to its attribute: one Attribute element per name (SAML Core §2.7.3.1). */
    private static void addValue(List<AssertionContent.Attribute> attributes, AttributeMapping row, String value) {
        for (int i = 0; i < attributes.size(); i++) {
            AssertionContent.Attribute a = attributes.get(i);
            if (a.name().equals(row.attribute())) {
                List<String> values = new ArrayList<>(a.values());
                values.add(value);
                attributes.set(i, new AssertionContent.Attribute(a.name(), a.nameFormat(), List.copyOf(values)));
                return;
            }
        }
        attributes.add(new AssertionContent.Attribute(row.attribute(), attributeNameFormat(row.format()), List.of(value)));
    }

    private static String substitute(AttributeMapping row, UserClaims user) {
        try {
            return Placeholders.substitute(row.value(), user);
        } catch (IllegalStateException e) {
            throw new SignInRefusedException(409, "This application maps " + row.attribute() + " to \"" + row.value()
                    + "\", but " + e.getMessage() + ". Ask your administrator to complete your profile or the mapping.");
        }
    }

    static String nameIdFormat(String format) {
        return switch (format) {
            case "persistent" -> SamlNames.NAMEID_PERSISTENT;
            case "transient" -> SamlNames.NAMEID_TRANSIENT;
            case "emailAddress" -> SamlNames.NAMEID_EMAIL;
            default -> SamlNames.NAMEID_UNSPECIFIED;
        };
    }

    static String attributeNameFormat(String format) {
        return switch (format) {
            case "basic" -> SamlNames.ATTRNAME_BASIC;
            case "uri" -> SamlNames.ATTRNAME_URI;
            default -> SamlNames.ATTRNAME_UNSPECIFIED;
        };
    }
}
