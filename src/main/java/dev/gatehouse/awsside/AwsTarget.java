package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    public static final String GLOBAL_SIGN_IN = AwsSamlRules.GLOBAL_SIGN_IN;

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
        Optional<AwsSamlRules.RolePair> pair = mappings.stream().filter(m -> AwsSamlRules.ROLE.equals(m.attribute()))
                .map(AttributeMapping::value).findFirst().flatMap(AwsSamlRules::rolePair);
        if (pair.isEmpty()) {
            return Optional.empty();
        }
        int seconds = mappings.stream().filter(m -> AwsSamlRules.SESSION_DURATION.equals(m.attribute()))
                .map(AttributeMapping::value).filter(v -> v != null && v.matches("\\d{3,5}")).map(Integer::parseInt)
                .findFirst().orElse(app.sessionDurationSeconds() > 0 ? app.sessionDurationSeconds() : 3600);
        List<String> tags = new ArrayList<>();
        boolean sourceIdentity = false;
        for (AttributeMapping m : mappings) {
            if (AwsSamlRules.SOURCE_IDENTITY.equals(m.attribute())) {
                sourceIdentity = true;
            } else if (AwsSamlRules.isPrincipalTag(m.attribute())) {
                tags.add(AwsSamlRules.tagKey(m.attribute()));
            }
        }
        return Optional.of(new AwsTarget(pair.get().accountId(), pair.get().providerName(), pair.get().roleName(),
                pair.get().rolePath(), audienceFor(app.acsUrl()), seconds, sourceIdentity, tags));
    }

    /** The roles of one account of an "AWS accounts" catalog, each carrying the instance's SourceIdentity and tags. */
    public static List<AwsTarget> ofCatalogAccount(List<AttributeMapping> mappings, dev.gatehouse.apps.CatalogAccount account,
                                                   List<dev.gatehouse.apps.CatalogRole> roles) {
        boolean sourceIdentity = mappings.stream().anyMatch(m -> AwsSamlRules.SOURCE_IDENTITY.equals(m.attribute()));
        List<String> tags = mappings.stream().filter(m -> AwsSamlRules.isPrincipalTag(m.attribute()))
                .map(m -> AwsSamlRules.tagKey(m.attribute())).toList();
        return roles.stream().map(r -> {
            int slash = r.roleName().lastIndexOf('/');
            String path = slash < 0 ? "/" : "/" + r.roleName().substring(0, slash + 1);
            return new AwsTarget(account.accountId(), account.samlProviderName(), r.roleName().substring(slash + 1), path,
                    audienceFor(account.signInUrl()), r.sessionDurationSeconds(), sourceIdentity, tags);
        }).toList();
    }

    /** The {@code SAML:aud} AWS sees for assertions posted to {@code acsUrl}. */
    public static String audienceFor(String acsUrl) {
        return AwsSamlRules.isAwsSignIn(acsUrl)
                ? acsUrl : GLOBAL_SIGN_IN;
    }
}
