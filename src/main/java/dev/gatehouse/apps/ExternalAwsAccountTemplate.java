package dev.gatehouse.apps;

import java.util.List;
import java.util.Optional;

/**
 * The guide's "External AWS Account": single sign-on into one AWS account outside the organization, through an IAM
 * SAML identity provider. Keeps the guide's rules: AWS's attribute rules ({@link AwsSamlRules}), one Role mapping
 * per instance, and no SP-initiated sign-in (AWS only takes unsolicited responses).
 */
public record ExternalAwsAccountTemplate() implements AppTemplate {
    /** Quoted from the integration guide when a second Role mapping is refused. */
    public static final String ONE_ROLE_LIMITATION = "External AWS Account service only supports one IAM Role attribute "
            + "mapping per application instance. So, you would have to create multiple External AWS Account application "
            + "instances to use multiple roles.";

    @Override
    public String id() {
        return "external-aws-account";
    }

    @Override
    public String title() {
        return "External AWS Account";
    }

    @Override
    public String summary() {
        return "Single sign-on into an AWS account outside your organization, through an IAM SAML identity provider.";
    }

    @Override
    public String defaultAcsUrl() {
        return "https://signin.aws.amazon.com/saml";
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
        return 1;
    }

    /** A second Role row is not "mapped twice" but the guide's limitation, which {@link #setProblems} words. */
    @Override
    public boolean repeatable(String attribute) {
        return AwsSamlRules.ROLE.equals(attribute);
    }

    @Override
    public List<String> rowProblems(AttributeMapping row) {
        String value = row.value();
        return switch (row.attribute()) {
            case AwsSamlRules.ROLE -> AwsSamlRules.rolePairProblems(value);
            case AwsSamlRules.ROLE_SESSION_NAME -> Placeholders.hasPlaceholders(value) || AwsSamlRules.validRoleSessionName(value)
                    ? List.of()
                    : List.of("RoleSessionName \"" + value + "\" must match " + AwsSamlRules.ROLE_SESSION_NAME_RULE + ".");
            case AwsSamlRules.SESSION_DURATION -> AwsSamlRules.validSessionDuration(value)
                    ? List.of()
                    : List.of("SessionDuration must be a number of seconds from " + AwsSamlRules.MIN_SESSION_SECONDS
                    + " to " + AwsSamlRules.MAX_SESSION_SECONDS + ".");
            default -> List.of();
        };
    }

    @Override
    public List<String> setProblems(List<AttributeMapping> rows) {
        // Numbered as the form shows them, so the administrator knows which row to remove.
        List<Integer> roleRows = java.util.stream.IntStream.range(0, rows.size()).filter(i -> rows.get(i) != null
                && AwsSamlRules.ROLE.equals(rows.get(i).attribute()) && rows.get(i).value() != null
                && rows.get(i).format() != null).map(i -> i + 1).boxed().toList();
        return roleRows.stream().skip(maxRoleMappings())
                .map(row -> "Row " + row + " maps Role again (row " + roleRows.get(0) + " already does). " + ONE_ROLE_LIMITATION)
                .toList();
    }

    @Override
    public Optional<String> resolvedValueRefusal(String attribute, String value) {
        if (AwsSamlRules.ROLE_SESSION_NAME.equals(attribute) && !AwsSamlRules.validRoleSessionName(value)) {
            return Optional.of("Your RoleSessionName would be \"" + value + "\", but AWS requires it to match "
                    + AwsSamlRules.ROLE_SESSION_NAME_RULE + " (2 to 64 letters, digits or +=,.@_- with no spaces). "
                    + "Ask your administrator to change the RoleSessionName mapping or your profile.");
        }
        return Optional.empty();
    }
}
