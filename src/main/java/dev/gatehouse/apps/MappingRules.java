package dev.gatehouse.apps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole set of attribute mappings before it is saved, collecting every problem rather than stopping at
 * the first. AWS's rules (one Role row, ARN pairs, the RoleSessionName pattern, SessionDuration bounds) apply
 * to templates that ask for them; see {@code aws-saml-spec.md} §3.
 */
public final class MappingRules {
    public static final Set<String> SUBJECT_FORMATS = Set.of("persistent", "transient", "emailAddress", "unspecified");
    public static final Set<String> ATTRIBUTE_FORMATS = Set.of("unspecified", "basic", "uri");
    public static final Pattern ROLE_SESSION_NAME = Pattern.compile("[a-zA-Z_0-9+=,.@-]{2,64}");
    public static final String ROLE_SESSION_NAME_RULE = "[a-zA-Z_0-9+=,.@-]{2,64}";
    static final Pattern PROVIDER_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:saml-provider/[\\w._-]{1,128}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/([\\x21-\\x7E&&[^/]]+/)*[\\w+=,.@-]{1,64}");
    static final int MAX_ROWS = 50;

    private MappingRules() {
    }

    /** Every problem with {@code rows} for an instance of {@code template}; empty when they may be saved. */
    public static List<String> problems(AppTemplate template, List<AttributeMapping> rows) {
        List<String> problems = new ArrayList<>();
        if (rows.size() > MAX_ROWS) {
            problems.add("At most " + MAX_ROWS + " attribute mappings per application.");
            return problems;
        }
        Set<String> seen = new HashSet<>();
        int roleRows = 0;
        for (int i = 0; i < rows.size(); i++) {
            AttributeMapping row = rows.get(i);
            String where = "Row " + (i + 1) + ": ";
            if (row == null || blank(row.attribute()) || row.value() == null || row.format() == null) {
                problems.add(where + "each mapping needs an attribute, a value and a format.");
                continue;
            }
            if (row.attribute().length() > 1024 || row.value().length() > 2048) {
                problems.add(where + "attribute names are limited to 1024 characters and values to 2048.");
                continue;
            }
            if (blank(row.value())) {
                problems.add(where + "the value of " + row.attribute() + " is empty.");
            }
            if (!seen.add(row.attribute())) {
                if (template.awsRules() && AttributeMapping.AWS_ROLE.equals(row.attribute())) {
                    roleRows++;
                    continue;
                }
                problems.add(where + row.attribute() + " is mapped twice; keep one row per attribute.");
                continue;
            }
            Set<String> formats = row.isSubject() ? SUBJECT_FORMATS : ATTRIBUTE_FORMATS;
            if (!formats.contains(row.format())) {
                problems.add(where + "format \"" + row.format() + "\" is not allowed for " + row.attribute()
                        + "; choose one of " + String.join(", ", formats.stream().sorted().toList()) + ".");
            }
            Placeholders.problems(row.value()).forEach(p -> problems.add(where + p));
            if (template.awsRules()) {
                if (AttributeMapping.AWS_ROLE.equals(row.attribute())) {
                    roleRows++;
                }
                awsProblems(row).forEach(p -> problems.add(where + p));
            }
        }
        if (roleRows > 1) {
            problems.add(AppTemplate.ONE_ROLE_LIMITATION);
        }
        return problems;
    }

    private static List<String> awsProblems(AttributeMapping row) {
        String value = row.value();
        switch (row.attribute()) {
            case AttributeMapping.AWS_ROLE -> {
                return roleArnPairProblems(value);
            }
            case AttributeMapping.AWS_ROLE_SESSION_NAME -> {
                if (!Placeholders.hasPlaceholders(value) && !ROLE_SESSION_NAME.matcher(value).matches()) {
                    return List.of("RoleSessionName \"" + value + "\" must match " + ROLE_SESSION_NAME_RULE + ".");
                }
            }
            case AttributeMapping.AWS_SESSION_DURATION -> {
                if (!value.matches("\\d{3,5}") || Integer.parseInt(value) < 900 || Integer.parseInt(value) > 43200) {
                    return List.of("SessionDuration must be a number of seconds from 900 to 43200.");
                }
            }
            default -> { }
        }
        return List.of();
    }

    /** A Role value is a role ARN and a SAML-provider ARN separated by a comma, in either order. */
    static List<String> roleArnPairProblems(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            return List.of("the Role value must be two ARNs separated by a comma: "
                    + "arn:aws:iam::ACCOUNTID:saml-provider/SAMLPROVIDERNAME,arn:aws:iam::ACCOUNTID:role/ROLENAME.");
        }
        String a = parts[0].trim();
        String b = parts[1].trim();
        String provider = PROVIDER_ARN.matcher(a).matches() ? a : PROVIDER_ARN.matcher(b).matches() ? b : null;
        String role = ROLE_ARN.matcher(a).matches() && a != provider ? a : ROLE_ARN.matcher(b).matches() && b != provider ? b : null;
        List<String> problems = new ArrayList<>();
        if (provider == null) {
            problems.add("the Role value has no valid SAML provider ARN (arn:aws:iam::ACCOUNTID:saml-provider/NAME).");
        }
        if (role == null) {
            problems.add("the Role value has no valid role ARN (arn:aws:iam::ACCOUNTID:role/NAME).");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
