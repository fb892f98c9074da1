package dev.gatehouse.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity center's one copy of AWS's SAML rules (aws-saml-spec.md §3): the attribute names AWS reads, the
 * RoleSessionName pattern, the SessionDuration bounds and the grammar of the two ARNs in a Role value. AWS
 * templates check mappings and resolved values against it before anything is signed.
 *
 * <p>The AWS emulator keeps its own, separate copy on purpose: it is the identity center's independent judge, and
 * shared code would share its bugs.
 */
public final class AwsSamlRules {
    /** AWS's global console sign-in endpoint (the ACS of the guide's template). */
    public static final String GLOBAL_SIGN_IN = "https://signin.aws.amazon.com/saml";
    private static final java.util.regex.Pattern REGIONAL_SIGN_IN =
            java.util.regex.Pattern.compile("https://[a-z]{2}(-[a-z]+)+-\\d\\.signin\\.aws\\.amazon\\.com/saml");

    /** Whether {@code url} is one of AWS's own sign-in endpoints: the global one or a Region's. */
    public static boolean isAwsSignIn(String url) {
        return url != null && (url.equals(GLOBAL_SIGN_IN) || REGIONAL_SIGN_IN.matcher(url).matches());
    }

    public static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
    public static final String ROLE_SESSION_NAME = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public static final String SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    public static final String SOURCE_IDENTITY = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    /** A session tag is one attribute per key: this prefix plus the key (IAM User Guide, "Passing session tags"). */
    public static final String PRINCIPAL_TAG_PREFIX = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    public static final String TRANSITIVE_TAG_KEYS = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";
    /** STS's SourceIdentity constraint: RoleSessionName's grammar, and no {@code aws:} prefix. */
    public static final String SOURCE_IDENTITY_RULE = "[a-zA-Z_0-9+=,.@-]{2,64}, not starting with \"aws:\"";
    /** AWS's limits for session tags (STS Tag type and "Tagging AWS STS sessions"): count, key and value. */
    public static final int MAX_SESSION_TAGS = 50;
    public static final String TAG_KEY_RULE = "1 to 128 letters, digits, spaces or _.:/=+-@, not starting with \"aws:\"";
    public static final String TAG_VALUE_RULE = "0 to 256 letters, digits, spaces or _.:/=+-@";
    /** STS's RoleSessionName constraint, as its API reference writes it. */
    public static final String ROLE_SESSION_NAME_RULE = "[a-zA-Z_0-9+=,.@-]{2,64}";
    /** The shortest and longest session AWS grants: 15 minutes and 12 hours, in seconds. */
    public static final int MIN_SESSION_SECONDS = 900;
    public static final int MAX_SESSION_SECONDS = 43200;

    private static final Pattern ROLE_SESSION_NAME_PATTERN = Pattern.compile(ROLE_SESSION_NAME_RULE);
    private static final Pattern PROVIDER_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:saml-provider/[\\w._-]{1,128}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/([\\x21-\\x7E&&[^/]]+/)*[\\w+=,.@-]{1,64}");

    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private AwsSamlRules() {
    }

    public static boolean validSourceIdentity(String value) {
        return validRoleSessionName(value) && !value.regionMatches(true, 0, "aws:", 0, 4);
    }

    /** Whether {@code attribute} is a session tag's attribute ({@link #PRINCIPAL_TAG_PREFIX} plus a key). */
    public static boolean isPrincipalTag(String attribute) {
        return attribute != null && attribute.startsWith(PRINCIPAL_TAG_PREFIX);
    }

    public static String tagKey(String attribute) {
        return attribute.substring(PRINCIPAL_TAG_PREFIX.length());
    }

    public static boolean validTagKey(String key) {
        return key.length() >= 1 && key.length() <= 128 && TAG_CHARS.matcher(key).matches()
                && !key.regionMatches(true, 0, "aws:", 0, 4);
    }

    public static boolean validTagValue(String value) {
        return value.length() <= 256 && TAG_CHARS.matcher(value).matches();
    }

    public static boolean validRoleSessionName(String value) {
        return ROLE_SESSION_NAME_PATTERN.matcher(value).matches();
    }

    public static boolean validSessionDuration(int seconds) {
        return seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS;
    }

    /** A SessionDuration attribute value: whole seconds within AWS's bounds. */
    public static boolean validSessionDuration(String value) {
        return value.matches("\\d{3,5}") && validSessionDuration(Integer.parseInt(value));
    }

    /**
     * A literal Role value read: the role (its path {@code /} or {@code /a/b/}) and the SAML provider of one account.
     */
    public record RolePair(String accountId, String rolePath, String roleName, String providerName) {
        public String roleArn() {
            return "arn:aws:iam::" + accountId + ":role" + rolePath + roleName;
        }

        public String providerArn() {
            return "arn:aws:iam::" + accountId + ":saml-provider/" + providerName;
        }
    }

    /** The role and provider a literal Role value names, when it is a valid pair of one account (either order). */
    public static java.util.Optional<RolePair> rolePair(String value) {
        if (value == null || value.contains("${") || !rolePairProblems(value).isEmpty()) {
            return java.util.Optional.empty();
        }
        String[] parts = value.split(",");
        String a = parts[0].trim();
        String b = parts[1].trim();
        String role = ROLE_ARN.matcher(a).matches() ? a : b;
        String provider = role == a ? b : a;
        String account = role.split(":")[4];
        if (!account.equals(provider.split(":")[4])) {
            return java.util.Optional.empty();
        }
        String rolePart = role.substring(role.indexOf(":role/") + ":role".length()); // "/path/Name"
        int last = rolePart.lastIndexOf('/');
        return java.util.Optional.of(new RolePair(account, rolePart.substring(0, last + 1), rolePart.substring(last + 1),
                provider.substring(provider.indexOf(":saml-provider/") + ":saml-provider/".length())));
    }

    /** What is wrong with a Role value: it must be a role ARN and a SAML-provider ARN, comma-separated, either order. */
    public static List<String> rolePairProblems(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            return List.of("the Role value must be two ARNs separated by a comma: "
                    + "arn:aws:iam::ACCOUNTID:saml-provider/SAMLPROVIDERNAME,arn:aws:iam::ACCOUNTID:role/ROLENAME.");
        }
        String a = parts[0].trim();
        String b = parts[1].trim();
        // The two grammars cannot both match one string (":saml-provider/" against ":role/"), so order is free.
        boolean providerFound = PROVIDER_ARN.matcher(a).matches() || PROVIDER_ARN.matcher(b).matches();
        boolean roleFound = ROLE_ARN.matcher(a).matches() || ROLE_ARN.matcher(b).matches();
        List<String> problems = new ArrayList<>();
        if (!providerFound) {
            problems.add("the Role value has no valid SAML provider ARN (arn:aws:iam::ACCOUNTID:saml-provider/NAME).");
        }
        if (!roleFound) {
            problems.add("the Role value has no valid role ARN (arn:aws:iam::ACCOUNTID:role/NAME).");
        }
        return problems;
    }
}
