package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.Placeholders;
import dev.gatehouse.directory.UserClaims;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pre-flight checks that need no access to the account: the Role mapping, the audience and ACS URL, and the
 * RoleSessionName, SourceIdentity and session-tag values of every assigned user as AWS's grammar and limits
 * judge them, and the session length against what a role allows by default. Each finding names the AWS error a
 * user would meet. Stateless.
 */
final class StaticChecks {
    static final String AWS_AUDIENCE = "urn:amazon:webservices";
    /** Users named in one finding; the rest are counted. */
    static final int NAMED_USERS = 5;

    private StaticChecks() {
    }

    static List<Finding> run(App app, List<AttributeMapping> mappings, List<UserClaims> users) {
        List<Finding> out = new ArrayList<>();
        Optional<AwsTarget> target = AwsTarget.ofGuideApp(app, mappings);
        out.add(target.isPresent()
                ? Finding.ok("role-pair", "The Role mapping names role " + target.get().roleArn() + " and provider " + target.get().providerArn() + ".")
                : new Finding("role-pair", Finding.Severity.ERROR,
                "The Role mapping is missing, or is not a role ARN and a SAML provider ARN of one account.",
                "ValidationError: Request ARN is invalid", "Map Role to \"ROLE_ARN,PROVIDER_ARN\" from the target account."));
        out.add(audienceCheck(app));
        out.add(acsCheck("Assertions are posted to ", app.acsUrl()));
        out.addAll(valueChecks(mappings, users));
        out.add(durationCheck(mappings, app));
        return out;
    }

    private static Finding acsCheck(String postedTo, String url) {
        return AwsTarget.audienceFor(url).equals(url)
                ? Finding.ok("acs-url", postedTo + url + ".")
                : new Finding("acs-url", Finding.Severity.WARNING, postedTo + url
                + ", which is not an AWS sign-in endpoint (right for an emulated account only).",
                "InvalidIdentityToken: The Recipient of the response is not an AWS sign-in endpoint.",
                "Use " + AwsTarget.GLOBAL_SIGN_IN + " or the account's regional endpoint.");
    }

    private static Finding audienceCheck(App app) {
        return AWS_AUDIENCE.equals(app.audience())
                ? Finding.ok("audience", "The audience is " + AWS_AUDIENCE + ".")
                : new Finding("audience", Finding.Severity.ERROR, "The audience is " + app.audience() + ", not " + AWS_AUDIENCE + ".",
                "InvalidIdentityToken: Response does not contain the required audience.", "Set the audience to " + AWS_AUDIENCE + ".");
    }

    /** RoleSessionName, SourceIdentity and session tags: resolved for every user and judged by AWS's rules. */
    private static List<Finding> valueChecks(List<AttributeMapping> mappings, List<UserClaims> users) {
        List<Finding> out = new ArrayList<>();
        out.add(valuesCheck("role-session-name", mapping(mappings, AwsSamlRules.ROLE_SESSION_NAME), users, true,
                v -> AwsSamlRules.validRoleSessionName(v) ? null : "must match " + AwsSamlRules.ROLE_SESSION_NAME_RULE,
                "InvalidIdentityToken: RoleSessionName in AuthnResponse must match " + AwsSamlRules.ROLE_SESSION_NAME_RULE,
                "Map RoleSessionName to a value every user has and that fits, such as ${user:email}."));
        Optional<String> sourceIdentity = mapping(mappings, AwsSamlRules.SOURCE_IDENTITY);
        if (sourceIdentity.isPresent()) {
            out.add(valuesCheck("source-identity", sourceIdentity, users, false,
                    v -> AwsSamlRules.validSourceIdentity(v) ? null : "must be " + AwsSamlRules.SOURCE_IDENTITY_RULE,
                    "InvalidIdentityToken: Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64}",
                    "Map SourceIdentity to a value that fits, such as ${user:preferredUsername}."));
        }
        out.addAll(tagChecks(mappings, users));
        return out;
    }

    /**
     * The static checks of one catalog account: the catalog supplies Role and SessionDuration, so the mapping's
     * role pair and duration are not asked for; the account's sign-in endpoint and each role's session length are.
     */
    static List<Finding> runCatalog(App app, List<AttributeMapping> mappings, dev.gatehouse.apps.CatalogAccount account,
                                    List<AwsTarget> roles, List<UserClaims> users) {
        List<Finding> out = new ArrayList<>();
        out.add(roles.isEmpty()
                ? new Finding("roles", Finding.Severity.WARNING, "Account " + account.accountId() + " has no roles yet.", null,
                "Add roles on the Accounts and roles tab.")
                : Finding.ok("roles", "Account " + account.accountId() + " offers " + roles.size() + (roles.size() == 1 ? " role." : " roles.")));
        out.add(audienceCheck(app));
        out.add(acsCheck("Assertions for this account are posted to ", account.signInUrl()));
        out.addAll(valueChecks(mappings, users));
        for (AwsTarget role : roles) {
            if (role.sessionDurationSeconds() > 3600) {
                out.add(new Finding("max-session-duration", Finding.Severity.WARNING, "Sessions of " + role.sessionDurationSeconds()
                        + " seconds for " + role.roleArn() + " need its MaxSessionDuration raised from the default of 3600 (the bundle does).",
                        "ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                        "Set the role's maximum session duration to at least " + role.sessionDurationSeconds() + " seconds."));
            }
        }
        return out;
    }

    private static Optional<String> mapping(List<AttributeMapping> mappings, String attribute) {
        return mappings.stream().filter(m -> attribute.equals(m.attribute())).map(AttributeMapping::value).findFirst();
    }

    /** Resolves {@code value} for every user and names those whose value is missing or breaks {@code rule}. */
    private static Finding valuesCheck(String check, Optional<String> value, List<UserClaims> users, boolean required,
                                       Function<String, String> rule, String awsError, String fix) {
        if (value.isEmpty()) {
            return required ? new Finding(check, Finding.Severity.ERROR, "The mapping is missing.", awsError, fix)
                    : Finding.ok(check, "Not sent.");
        }
        List<String> bad = new ArrayList<>();
        for (UserClaims user : users) {
            String problem = problemFor(value.get(), user, rule);
            if (problem != null) {
                bad.add(user.userName() + " (" + problem + ")");
            }
        }
        if (users.isEmpty()) {
            return Finding.ok(check, "Mapped; no user may launch it yet, so no value was resolved.");
        }
        if (bad.isEmpty()) {
            return Finding.ok(check, "The value fits for all " + users.size() + " users who may launch it.");
        }
        return new Finding(check, Finding.Severity.ERROR, bad.size() + " of " + users.size() + " users who may launch it get a value AWS refuses: "
                + String.join("; ", bad.subList(0, Math.min(NAMED_USERS, bad.size()))) + (bad.size() > NAMED_USERS ? "; …" : "") + ".",
                awsError, fix);
    }

    private static String problemFor(String value, UserClaims user, Function<String, String> rule) {
        String resolved;
        try {
            resolved = Placeholders.substitute(value, user);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        String broken = rule.apply(resolved);
        return broken == null ? null : "\"" + resolved + "\" " + broken;
    }

    private static List<Finding> tagChecks(List<AttributeMapping> mappings, List<UserClaims> users) {
        List<AttributeMapping> tags = mappings.stream().filter(m -> m.attribute() != null && m.attribute().startsWith(AwsSamlRules.PRINCIPAL_TAG_PREFIX)).toList();
        if (tags.isEmpty()) {
            return List.of(Finding.ok("session-tags", "No session tags are sent."));
        }
        List<Finding> out = new ArrayList<>();
        if (tags.size() > AwsSamlRules.MAX_SESSION_TAGS) {
            out.add(new Finding("session-tags", Finding.Severity.ERROR, tags.size() + " session tags are mapped; AWS takes at most "
                    + AwsSamlRules.MAX_SESSION_TAGS + ".", "InvalidIdentityToken: too many session tags",
                    "Map at most " + AwsSamlRules.MAX_SESSION_TAGS + " tags."));
        }
        for (AttributeMapping tag : tags) {
            String key = tag.attribute().substring(AwsSamlRules.PRINCIPAL_TAG_PREFIX.length());
            if (!AwsSamlRules.validTagKey(key)) {
                out.add(new Finding("session-tags", Finding.Severity.ERROR, "The tag key \"" + key + "\" breaks AWS's rule: " + AwsSamlRules.TAG_KEY_RULE + ".",
                        "InvalidIdentityToken: invalid session tag key", "Rename the tag."));
                continue;
            }
            out.add(valuesCheck("session-tags", Optional.of(tag.value()), users, false,
                    v -> AwsSamlRules.validTagValue(v) ? null : "must be " + AwsSamlRules.TAG_VALUE_RULE,
                    "InvalidIdentityToken: invalid value for session tag " + key, "Map the tag " + key + " to a value that fits."));
        }
        return out;
    }

    private static Finding durationCheck(List<AttributeMapping> mappings, App app) {
        Optional<String> mapped = mapping(mappings, AwsSamlRules.SESSION_DURATION);
        if (mapped.isPresent() && !AwsSamlRules.validSessionDuration(mapped.get())) {
            return new Finding("session-duration", Finding.Severity.ERROR, "SessionDuration \"" + mapped.get() + "\" is not 900 to 43200 seconds.",
                    "InvalidIdentityToken: SessionDuration must be between 900 and 43200", "Set a number of seconds from 900 to 43200.");
        }
        int seconds = mapped.map(Integer::parseInt).orElse(app.sessionDurationSeconds());
        if (seconds > 3600) {
            return new Finding("max-session-duration", Finding.Severity.WARNING, "Sessions of " + seconds
                    + " seconds need the role's MaxSessionDuration raised from its default of 3600 (the bundle does).",
                    "ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                    "Set the role's maximum session duration to at least " + seconds + " seconds.");
        }
        return Finding.ok("session-duration", "Sessions last " + seconds + " seconds, within a role's default maximum.");
    }
}
