package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One role in one AWS account that an application signs users into, with what the account must hold for it: the
 * SAML provider (name, ARN) and the role (path, name, ARN), the sign-in endpoint the trust policy's {@code SAML:aud}
 * must name, the session length, and whether assertions carry a SourceIdentity or session tags (then the trust
 * policy must also allow {@code sts:SetSourceIdentity} / {@code sts:TagSession}).
 *
 * @param rolePath {@code /} or {@code /a/b/}
 */
public record AwsTarget(String accountId, String providerName, String roleName, String rolePath, String signInUrl,
                        int sessionDurationSeconds, boolean setsSourceIdentity, List<String> tagKeys) {
    /** AWS's global sign-in endpoint: the audience whenever the application posts somewhere else (an emulator). */
    public static final String GLOBAL_SIGN_IN = "https://signin.aws.amazon.com/saml";
    public static final String SOURCE_IDENTITY = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    public static final String PRINCIPAL_TAG = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    /** What AWS's console sign-in accepts as Recipient besides the global endpoint. */
    private static final Pattern REGIONAL_SIGN_IN = Pattern.compile("https://[a-z]{2}(-[a-z]+)+-\\d\\.signin\\.aws\\.amazon\\.com/saml");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role(/(?:[\\x21-\\x7E]+/)?)?([\\w+=,.@-]{1,64})");
    private static final Pattern PROVIDER_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):saml-provider/([\\w.-]{1,128})");

    public AwsTarget {
        tagKeys = List.copyOf(tagKeys);
    }

    public String providerArn() {
        return "arn:aws:iam::" + accountId + ":saml-provider/" + providerName;
    }

    public String roleArn() {
        return "arn:aws:iam::" + accountId + ":role" + rolePath + roleName;
    }

    /** The MaxSessionDuration the role needs: AWS's default of an hour, or the session length when longer. */
    public int maxSessionDurationSeconds() {
        return Math.max(3600, sessionDurationSeconds);
    }

    /**
     * The target of a guide-template instance: its one Role mapping names the role and provider; empty when that
     * mapping is missing or not a literal pair of ARNs in one account (a placeholder decides only at launch).
     */
    public static Optional<AwsTarget> ofGuideApp(App app, List<AttributeMapping> mappings) {
        Optional<String> role = mappings.stream().filter(m -> AwsSamlRules.ROLE.equals(m.attribute()))
                .map(AttributeMapping::value).findFirst();
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Matcher roleArn = null;
        Matcher providerArn = null;
        for (String part : role.get().split(",")) {
            Matcher r = ROLE_ARN.matcher(part.trim());
            Matcher p = PROVIDER_ARN.matcher(part.trim());
            if (r.matches()) {
                roleArn = r;
            } else if (p.matches()) {
                providerArn = p;
            }
        }
        if (roleArn == null || providerArn == null || !roleArn.group(1).equals(providerArn.group(1))) {
            return Optional.empty();
        }
        int seconds = mappings.stream().filter(m -> AwsSamlRules.SESSION_DURATION.equals(m.attribute()))
                .map(AttributeMapping::value).filter(v -> v != null && v.matches("\\d{3,5}")).map(Integer::parseInt)
                .findFirst().orElse(app.sessionDurationSeconds() > 0 ? app.sessionDurationSeconds() : 3600);
        List<String> tags = new ArrayList<>();
        boolean sourceIdentity = false;
        for (AttributeMapping m : mappings) {
            if (SOURCE_IDENTITY.equals(m.attribute())) {
                sourceIdentity = true;
            } else if (m.attribute() != null && m.attribute().startsWith(PRINCIPAL_TAG)) {
                tags.add(m.attribute().substring(PRINCIPAL_TAG.length()));
            }
        }
        String path = roleArn.group(2) == null ? "/" : roleArn.group(2);
        return Optional.of(new AwsTarget(roleArn.group(1), providerArn.group(2), roleArn.group(3), path,
                audienceFor(app.acsUrl()), seconds, sourceIdentity, tags));
    }

    /** The {@code SAML:aud} AWS sees for assertions posted to {@code acsUrl}. */
    public static String audienceFor(String acsUrl) {
        return acsUrl != null && (acsUrl.equals(GLOBAL_SIGN_IN) || REGIONAL_SIGN_IN.matcher(acsUrl).matches())
                ? acsUrl : GLOBAL_SIGN_IN;
    }
}
