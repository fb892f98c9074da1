package dev.gatehouse.apps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "AWS accounts" (issue 14): one instance, one entity ID, key set and metadata document, uploaded to the SAML
 * provider of every account in its catalog ({@link AwsCatalog}). Each launch is into one (account, role) pair, so
 * the Role and SessionDuration attributes come from the catalog, never from a mapping row: exactly one Role value
 * per assertion, and AWS's role picker never appears. SourceIdentity is mapped by default; session tags are
 * {@code PrincipalTag:KEY} rows, checked against AWS's limits at save (literals) and at launch (placeholders).
 */
public record AwsAccountCatalogTemplate() implements AppTemplate {
    public static final String ID = "aws-account-catalog";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "AWS accounts";
    }

    @Override
    public String summary() {
        return "A catalog of AWS accounts outside your organization: one portal entry per (account, role), each landing "
                + "directly in that role, with SourceIdentity and session tags.";
    }

    @Override
    public String defaultAcsUrl() {
        return AwsCatalog.GLOBAL_SIGN_IN;
    }

    @Override
    public String defaultAudience() {
        return "urn:amazon:webservices";
    }

    @Override
    public boolean spInitiatedSupported() {
        return false;
    }

    @Override
    public int maxRoleMappings() {
        return 0;
    }

    /** Subject, RoleSessionName and SourceIdentity, the last two from the user name (configurable placeholders). */
    @Override
    public List<AttributeMapping> defaultMappings() {
        return List.of(new AttributeMapping(AttributeMapping.SUBJECT, "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified"),
                new AttributeMapping(AwsSamlRules.SOURCE_IDENTITY, "${user:preferredUsername}", "unspecified"));
    }

    @Override
    public boolean repeatable(String attribute) {
        return AwsSamlRules.TRANSITIVE_TAG_KEYS.equals(attribute);
    }

    @Override
    public List<String> rowProblems(AttributeMapping row) {
        String attribute = row.attribute();
        String value = row.value();
        boolean literal = !Placeholders.hasPlaceholders(value);
        if (AwsSamlRules.ROLE.equals(attribute)) {
            return List.of("The AWS accounts template sends the Role of the (account, role) pair being launched, one per "
                    + "sign-in; add accounts and roles on the Accounts tab instead of a Role mapping.");
        }
        if (AwsSamlRules.SESSION_DURATION.equals(attribute)) {
            return List.of("SessionDuration comes from each role's session duration on the Accounts tab; remove this row.");
        }
        if (AwsSamlRules.ROLE_SESSION_NAME.equals(attribute) && literal && !AwsSamlRules.validRoleSessionName(value)) {
            return List.of("RoleSessionName \"" + value + "\" must match " + AwsSamlRules.ROLE_SESSION_NAME_RULE + ".");
        }
        if (AwsSamlRules.SOURCE_IDENTITY.equals(attribute) && literal && !AwsSamlRules.validSourceIdentity(value)) {
            return List.of("SourceIdentity \"" + value + "\" must match " + AwsSamlRules.SOURCE_IDENTITY_RULE + ".");
        }
        if (AwsSamlRules.isPrincipalTag(attribute)) {
            List<String> problems = new ArrayList<>();
            String key = AwsSamlRules.tagKey(attribute);
            if (!AwsSamlRules.validTagKey(key)) {
                problems.add("Session tag key \"" + key + "\" must be " + AwsSamlRules.TAG_KEY_RULE + ".");
            }
            if (literal && !AwsSamlRules.validTagValue(value)) {
                problems.add("Session tag " + key + ": the value must be " + AwsSamlRules.TAG_VALUE_RULE + ".");
            }
            return problems;
        }
        if (AwsSamlRules.TRANSITIVE_TAG_KEYS.equals(attribute) && literal && !AwsSamlRules.validTagKey(value)) {
            return List.of("TransitiveTagKeys value \"" + value + "\" must be a tag key: " + AwsSamlRules.TAG_KEY_RULE + ".");
        }
        return List.of();
    }

    @Override
    public List<String> setProblems(List<AttributeMapping> rows) {
        List<String> problems = new ArrayList<>();
        List<String> keys = rows.stream().filter(r -> r != null && AwsSamlRules.isPrincipalTag(r.attribute()))
                .map(r -> AwsSamlRules.tagKey(r.attribute())).toList();
        if (keys.size() > AwsSamlRules.MAX_SESSION_TAGS) {
            problems.add("AWS accepts at most " + AwsSamlRules.MAX_SESSION_TAGS + " session tags per session; "
                    + keys.size() + " PrincipalTag rows are mapped.");
        }
        // Tag keys are case-insensitive on AWS: "Team" and "team" in one session are refused.
        Map<String, String> byLower = new HashMap<>();
        for (String key : keys) {
            String previous = byLower.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
            if (previous != null) {
                problems.add("Session tag keys are case-insensitive: \"" + key + "\" and \"" + previous + "\" are the same key.");
            }
        }
        Set<String> lower = byLower.keySet();
        rows.stream().filter(r -> r != null && AwsSamlRules.TRANSITIVE_TAG_KEYS.equals(r.attribute()) && r.value() != null
                        && !Placeholders.hasPlaceholders(r.value()) && !lower.contains(r.value().toLowerCase(Locale.ROOT)))
                .forEach(r -> problems.add("TransitiveTagKeys names \"" + r.value() + "\", which is not a session tag "
                        + "of this application (add a PrincipalTag:" + r.value() + " row)."));
        return problems;
    }

    @Override
    public Optional<String> resolvedValueRefusal(String attribute, String value) {
        if (AwsSamlRules.ROLE_SESSION_NAME.equals(attribute) && !AwsSamlRules.validRoleSessionName(value)) {
            return Optional.of(new ExternalAwsAccountTemplate().resolvedValueRefusal(attribute, value).orElseThrow());
        }
        if (AwsSamlRules.SOURCE_IDENTITY.equals(attribute) && !AwsSamlRules.validSourceIdentity(value)) {
            return Optional.of("Your SourceIdentity would be \"" + value + "\", but AWS requires it to match "
                    + AwsSamlRules.SOURCE_IDENTITY_RULE + " (2 to 64 letters, digits or +=,.@_- with no spaces). "
                    + "Ask your administrator to change the SourceIdentity mapping or your profile.");
        }
        if (AwsSamlRules.isPrincipalTag(attribute) && !AwsSamlRules.validTagValue(value)) {
            return Optional.of("Your session tag " + AwsSamlRules.tagKey(attribute) + " would be \"" + value
                    + "\", but AWS requires a tag value of " + AwsSamlRules.TAG_VALUE_RULE
                    + ". Ask your administrator to change the session tag mapping or your profile.");
        }
        if (AwsSamlRules.TRANSITIVE_TAG_KEYS.equals(attribute) && !AwsSamlRules.validTagKey(value)) {
            return Optional.of("TransitiveTagKeys would name \"" + value + "\", which AWS does not accept as a tag key ("
                    + AwsSamlRules.TAG_KEY_RULE + "). Ask your administrator to change the mapping.");
        }
        return Optional.empty();
    }

    /** The tag keys a set of rows sends, for the trust policy and the console. */
    static Set<String> tagKeys(List<AttributeMapping> rows) {
        return rows.stream().filter(r -> AwsSamlRules.isPrincipalTag(r.attribute()))
                .map(r -> AwsSamlRules.tagKey(r.attribute())).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
