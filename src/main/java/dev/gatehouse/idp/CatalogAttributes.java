package dev.gatehouse.idp;

import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.EntitledRole;
import dev.gatehouse.samlxml.SamlNames;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The response step an "AWS accounts" launch adds after the mappings: the one Role value of the pair being launched
 * (provider ARN first, then role ARN, as AWS's documentation writes it) and that role's SessionDuration. One Role
 * value means AWS signs the user straight into the role, without its role picker.
 */
final class CatalogAttributes {
    private CatalogAttributes() {
    }

    static AssertionContent addRole(AssertionContent content, EntitledRole pair) {
        List<AssertionContent.Attribute> attributes = new ArrayList<>();
        attributes.add(new AssertionContent.Attribute(AwsSamlRules.ROLE, SamlNames.ATTRNAME_UNSPECIFIED,
                List.of(pair.account().providerArn() + "," + pair.account().roleArn(pair.role().roleName()))));
        attributes.addAll(content.attributes());
        attributes.add(new AssertionContent.Attribute(AwsSamlRules.SESSION_DURATION, SamlNames.ATTRNAME_UNSPECIFIED,
                List.of(Integer.toString(pair.role().sessionDurationSeconds()))));
        return new AssertionContent(content.nameId(), content.nameIdFormat(), attributes);
    }

    /** {@code {Key=value, ...}} of the session tags a response carries, for the audit entry; {@code -} when none. */
    static String describeTags(AssertionContent content) {
        String tags = content.attributes().stream().filter(a -> AwsSamlRules.isPrincipalTag(a.name()))
                .map(a -> AwsSamlRules.tagKey(a.name()) + "=" + String.join(",", a.values()))
                .collect(Collectors.joining(";"));
        String transitive = content.attributes().stream().filter(a -> AwsSamlRules.TRANSITIVE_TAG_KEYS.equals(a.name()))
                .flatMap(a -> a.values().stream()).collect(Collectors.joining(","));
        return (tags.isEmpty() ? "-" : "{" + tags + "}") + (transitive.isEmpty() ? "" : " transitiveTagKeys=" + transitive);
    }
}
