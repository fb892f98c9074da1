package dev.gatehouse.awsemulator.signin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of the {@code https://aws.amazon.com/SAML/Attributes/Role} attribute: a role ARN and a SAML provider
 * ARN, comma-separated in either order (aws-saml-spec §3), whitespace around them ignored.
 */
record RolePair(String roleArn, String providerArn, String accountId, String roleName) {
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final Pattern PROVIDER = Pattern.compile("arn:aws:iam::\\d{12}:saml-provider/[^/]+");

    /** The well-formed pairs among {@code values}, in order, each role once. */
    static List<RolePair> parse(List<String> values) {
        List<RolePair> pairs = new ArrayList<>();
        for (String value : values) {
            String[] parts = value.split(",");
            if (parts.length != 2) {
                continue;
            }
            String a = parts[0].trim();
            String b = parts[1].trim();
            RolePair pair = of(a, b);
            if (pair == null) {
                pair = of(b, a);
            }
            RolePair found = pair;
            if (found != null && pairs.stream().noneMatch(p -> p.roleArn().equals(found.roleArn()))) {
                pairs.add(found);
            }
        }
        return pairs;
    }

    private static RolePair of(String role, String provider) {
        Matcher m = ROLE.matcher(role);
        if (!m.matches() || !PROVIDER.matcher(provider).matches()) {
            return null;
        }
        return new RolePair(role, provider, m.group(1), m.group(2));
    }
}
