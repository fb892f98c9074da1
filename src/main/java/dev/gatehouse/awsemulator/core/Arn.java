package dev.gatehouse.awsemulator.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM ARN: {@code arn:aws:iam::ACCOUNT:saml-provider/NAME}, {@code arn:aws:iam::ACCOUNT:role/PATH/NAME} or
 * {@code arn:aws:iam::ACCOUNT:policy/PATH/NAME}.
 *
 * @param accountId    12 digits ({@code aws} for AWS-managed policies)
 * @param resourceType {@code saml-provider}, {@code role} or {@code policy}
 * @param path         {@code /} or {@code /a/b/} (always {@code /} for SAML providers)
 * @param name         the last path element
 */
public record Arn(String accountId, String resourceType, String path, String name) {
    private static final Pattern SHAPE = Pattern.compile("arn:aws:iam::(\\d{12}|aws):(saml-provider|role|policy)/(.+)");
    /** A role ARN as STS accepts it: optional path of printable ASCII, name of 1–64 {@code [\w+=,.@-]}. */
    private static final Pattern ROLE = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:([\\u0021-\\u007E]*)/)?([\\w+=,.@-]{1,64})");
    /** A SAML provider ARN: no path, name of 1–128 {@code [\w._-]}. */
    public static final Pattern SAML_PROVIDER = Pattern.compile("arn:aws:iam::(\\d{12}):saml-provider/([\\w._-]{1,128})");

    /** Parses an IAM ARN; throws {@link IllegalArgumentException} when it is not one. */
    public static Arn parse(String arn) {
        if (arn == null) {
            throw new IllegalArgumentException("ARN is missing");
        }
        Matcher m = SHAPE.matcher(arn);
        if (!m.matches()) {
            throw new IllegalArgumentException("ARN " + arn + " is not valid.");
        }
        String rest = m.group(3);
        int slash = rest.lastIndexOf('/');
        String name = rest.substring(slash + 1);
        String path = slash < 0 ? "/" : "/" + rest.substring(0, slash + 1);
        if (name.isEmpty() || (m.group(2).equals("saml-provider") && slash >= 0)) {
            throw new IllegalArgumentException("ARN " + arn + " is not valid.");
        }
        return new Arn(m.group(1), m.group(2), path, name);
    }

    /** A role ARN in STS's grammar, or empty. */
    public static Optional<Arn> parseRole(String arn) {
        Matcher m = arn == null ? null : ROLE.matcher(arn);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(m.group(1), "role", m.group(2) == null ? "/" : "/" + m.group(2) + "/", m.group(3)));
    }

    /** A SAML provider ARN in STS's grammar, or empty. */
    public static Optional<Arn> parseSamlProvider(String arn) {
        Matcher m = arn == null ? null : SAML_PROVIDER.matcher(arn);
        return m != null && m.matches() ? Optional.of(new Arn(m.group(1), "saml-provider", "/", m.group(2))) : Optional.empty();
    }

    public static String samlProvider(String accountId, String name) {
        return new Arn(accountId, "saml-provider", "/", name).toString();
    }

    public static String role(String accountId, String path, String name) {
        return new Arn(accountId, "role", path, name).toString();
    }

    public static String policy(String accountId, String path, String name) {
        return new Arn(accountId, "policy", path, name).toString();
    }

    @Override
    public String toString() {
        return "arn:aws:iam::" + accountId + ":" + resourceType + path + name;
    }
}
