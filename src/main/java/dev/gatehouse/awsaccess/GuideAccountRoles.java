package dev.gatehouse.awsaccess;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.ExternalAwsAccountTemplate;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.UserClaims;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The roles of the guide's External AWS Account instances the user is assigned to, directly or through a group:
 * one per instance (the template's one Role mapping). A Role value built from placeholders differs per user and is
 * not offered here; the portal launch still serves it.
 */
public final class GuideAccountRoles implements AwsRoleSource {
    /** AWS's default session length when the instance maps no SessionDuration. */
    static final int DEFAULT_SESSION_SECONDS = 3600;
    private static final String TEMPLATE_ID = new ExternalAwsAccountTemplate().id();

    private final Applications apps;
    private final Assignments assignments;
    private final ActiveUsers users;

    public GuideAccountRoles(Applications apps, Assignments assignments, ActiveUsers users) {
        this.apps = apps;
        this.assignments = assignments;
        this.users = users;
    }

    @Override
    public List<AwsRole> entitledAwsRoles(String userId) {
        Optional<UserClaims> claims = users.claims(userId);
        if (claims.isEmpty()) {
            return List.of();
        }
        List<AwsRole> roles = new ArrayList<>();
        for (String appId : assignments.appIdsFor(userId, claims.get().groupIds())) {
            App app = apps.findRecent(appId);
            if (TEMPLATE_ID.equals(app.template().id())) {
                role(app, apps.mappings(app)).ifPresent(roles::add);
            }
        }
        roles.sort(java.util.Comparator.comparing(AwsRole::appName).thenComparing(AwsRole::roleName));
        return roles;
    }

    private static Optional<AwsRole> role(App app, List<AttributeMapping> mappings) {
        Optional<AwsSamlRules.RolePair> pair = AwsSamlRules.rolePair(value(mappings, AwsSamlRules.ROLE));
        if (pair.isEmpty()) {
            return Optional.empty();
        }
        String duration = value(mappings, AwsSamlRules.SESSION_DURATION);
        int seconds = duration != null && AwsSamlRules.validSessionDuration(duration) ? Integer.parseInt(duration) : DEFAULT_SESSION_SECONDS;
        return Optional.of(new AwsRole(app.id(), app.displayName(), pair.get().accountId(), pair.get().roleName(),
                pair.get().roleArn(), pair.get().providerArn(), stsEndpoint(app.acsUrl()), seconds, false));
    }

    private static String value(List<AttributeMapping> mappings, String attribute) {
        return mappings.stream().filter(m -> attribute.equals(m.attribute())).map(AttributeMapping::value).findFirst().orElse(null);
    }

    /**
     * Where STS answers for the account behind this ACS: AWS's sign-in endpoint means AWS's STS (regional when the
     * ACS is regional); any other ACS is an AWS-compatible endpoint (the emulator) whose STS is at its root.
     */
    static String stsEndpoint(String acsUrl) {
        URI uri = URI.create(acsUrl);
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.equals("signin.aws.amazon.com")) {
            return "https://sts.amazonaws.com/";
        }
        if (host.endsWith(".signin.aws.amazon.com")) {
            return "https://sts." + host.substring(0, host.length() - ".signin.aws.amazon.com".length()) + ".amazonaws.com/";
        }
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/";
    }
}
