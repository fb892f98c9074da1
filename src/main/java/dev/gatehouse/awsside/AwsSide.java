package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsAccountCatalogTemplate;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.CatalogAccount;
import dev.gatehouse.apps.ExternalAwsAccountTemplate;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.idp.IdpMetadata;
import dev.gatehouse.keys.SigningKeyStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS side of one application: the target it signs users into, the bundle that sets that account up, and the
 * pre-flight checks. Reads only; nothing here changes state. Thread-safe.
 */
public final class AwsSide {
    /** Assigned users the checks resolve values for; beyond it the finding says how many were left out. */
    public static final int MAX_CHECKED_USERS = 10_000;

    /** Why an application has no AWS side to show: not an AWS template, or no usable Role mapping yet. */
    public static final class NoTarget extends RuntimeException {
        public NoTarget(String message) {
            super(message);
        }
    }

    private final Applications apps;
    private final AwsCatalog catalog;
    private final Assignments assignments;
    private final GroupStore groups;
    private final ActiveUsers users;
    private final SigningKeyStore keys;
    private final AwsConnections connections;
    private final LiveChecks live;
    private final AuditLog audit;
    private final CloudTrailJoin trail;
    private final String baseUrl;
    private final TestSignIn testSignIn;

    public AwsSide(Applications apps, AwsCatalog catalog, Assignments assignments, GroupStore groups, ActiveUsers users,
                   SigningKeyStore keys, AwsConnections connections, AwsApiClient client, AuditLog audit, Clock clock, String baseUrl,
                   TestSignIn testSignIn) {
        this.testSignIn = testSignIn;
        this.connections = connections;
        this.live = new LiveChecks(client);
        this.audit = audit;
        this.trail = new CloudTrailJoin(client, clock);
        this.apps = apps;
        this.catalog = catalog;
        this.assignments = assignments;
        this.groups = groups;
        this.users = users;
        this.keys = keys;
        this.baseUrl = baseUrl;
    }

    /** The application, if it is an AWS one (else {@link NoTarget}); unknown ids fail as {@link Applications#find} does. */
    public App awsApp(String appId) {
        App app = apps.find(appId);
        if (!(app.template() instanceof ExternalAwsAccountTemplate) && !isCatalog(app)) {
            throw new NoTarget(app.displayName() + " is not an AWS application: it has no AWS side.");
        }
        return app;
    }

    private static boolean isCatalog(App app) {
        return app.template() instanceof AwsAccountCatalogTemplate;
    }

    /** The role and account a guide instance signs into, when its Role mapping names them; empty for catalogs. */
    public Optional<AwsTarget> target(String appId) {
        App app = awsApp(appId);
        return isCatalog(app) ? Optional.empty() : AwsTarget.ofGuideApp(app, apps.mappings(app));
    }

    /** A catalog's accounts with their roles as targets, in the catalog's order; empty for a guide instance. */
    public java.util.Map<CatalogAccount, List<AwsTarget>> catalogTargets(String appId) {
        App app = awsApp(appId);
        java.util.Map<CatalogAccount, List<AwsTarget>> out = new java.util.LinkedHashMap<>();
        if (isCatalog(app)) {
            List<AttributeMapping> mappings = apps.mappings(app);
            for (CatalogAccount account : catalog.accounts(app.id())) {
                out.put(account, AwsTarget.ofCatalogAccount(mappings, account, catalog.roles(app.id(), account.accountId())));
            }
        }
        return out;
    }

    /**
     * The bundle in {@code format}: a guide instance's one role (its Role mapping must name a role and provider of one
     * account), or one catalog account's provider and roles ({@code accountId} required).
     */
    public String bundle(String appId, TargetBundle.Format format, String accountId) {
        App app = awsApp(appId);
        List<AwsTarget> roles;
        if (isCatalog(app)) {
            if (accountId == null) {
                throw new NoTarget("Name the catalog account the bundle is for: ?account=ACCOUNT_ID.");
            }
            roles = catalogTargets(appId).entrySet().stream().filter(e -> e.getKey().accountId().equals(accountId))
                    .findFirst().map(java.util.Map.Entry::getValue)
                    .orElseThrow(() -> new NoTarget("The catalog has no account " + accountId + "."));
            if (roles.isEmpty()) {
                throw new NoTarget("Account " + accountId + " has no roles yet: add them on the Accounts and roles tab first.");
            }
        } else {
            roles = List.of(AwsTarget.ofGuideApp(app, apps.mappings(app)).orElseThrow(() -> new NoTarget(
                    "Map the Role attribute to a role ARN and a SAML provider ARN of one account first: the bundle creates those two.")));
        }
        return TargetBundle.render(format, app.displayName(), roles, metadata(app));
    }

    /** The file name a bundle downloads as. */
    public String bundleFileName(String appId, TargetBundle.Format format, String accountId) {
        String slug = (awsApp(appId).displayName() + (accountId == null ? "" : "-" + accountId)).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (slug.isEmpty() ? "aws" : slug) + "-" + format.fileSuffix;
    }

    /**
     * What happened in AWS after the launch recorded as audit entry {@code auditId}: its session's CloudTrail events,
     * through the application's connection; or why that cannot be shown.
     */
    public WhatHappened whatHappened(long auditId) {
        AuditLog.Event launch = audit.find(auditId).filter(e -> e.type().equals("SSO_LAUNCH"))
                .orElseThrow(() -> new java.util.NoSuchElementException("There is no launch with audit id " + auditId + "."));
        Optional<AwsConnection> connection = launch.target() == null ? Optional.empty() : connections.open(launch.target());
        if (connection.isEmpty()) {
            return new WhatHappened(launch, null, "The application has no account connection: connect the account on its AWS side page to read CloudTrail.");
        }
        try {
            return new WhatHappened(launch, trail.join(launch, connection.get()), null);
        } catch (CloudTrailJoin.NotJoinable e) {
            return new WhatHappened(launch, null, e.getMessage());
        }
    }

    /** A launch and its session in CloudTrail, or the reason there is none to show. */
    public record WhatHappened(AuditLog.Event launch, CloudTrailJoin.Joined joined, String problem) {
    }

    /**
     * One AWS account of an application that has a connection: the provider the application's metadata lives in
     * there, the roles it signs into, and the connection to reach it. Key rotation pushes metadata to each, and
     * encrypted assertions push their private key to each.
     */
    public record ConnectedAccount(String accountId, String providerArn, List<AwsTarget> roles, AwsConnection connection) {
    }

    /** Every connected account of the application: a guide instance's one account, or each connected catalog account. */
    public List<ConnectedAccount> connectedAccounts(String appId) {
        App app = awsApp(appId);
        List<ConnectedAccount> out = new ArrayList<>();
        if (isCatalog(app)) {
            for (var e : catalogTargets(appId).entrySet()) {
                String providerArn = "arn:aws:iam::" + e.getKey().accountId() + ":saml-provider/" + e.getKey().samlProviderName();
                connections.open(appId, e.getKey().accountId())
                        .ifPresent(c -> out.add(new ConnectedAccount(e.getKey().accountId(), providerArn, e.getValue(), c)));
            }
        } else {
            target(appId).ifPresent(t -> connections.open(appId, AwsConnections.GUIDE_ACCOUNT)
                    .ifPresent(c -> out.add(new ConnectedAccount(t.accountId(), t.providerArn(), List.of(t), c))));
        }
        return out;
    }

    public AwsConnections connections() {
        return connections;
    }

    /**
     * The pre-flight checks: the static ones, for every active user assigned directly or through a group; with a
     * connection and a target, also the live ones that read the account.
     */
    public List<Finding> checks(String appId) {
        return checks(appId, null);
    }

    /**
     * The checks, and with a connection a test AssumeRoleWithSAML for {@code testUserName} (an assigned active user;
     * {@code null}: no test sign-in), its credentials thrown away.
     */
    public List<Finding> checks(String appId, String testUserName) {
        App app = awsApp(appId);
        if (isCatalog(app)) {
            throw new NoTarget("Check setup covers External AWS Account instances for now; a catalog's accounts are set up with their bundles.");
        }
        List<AttributeMapping> mappings = apps.mappings(app);
        Set<String> userIds = assignedUserIds(app.id());
        List<UserClaims> claims = new ArrayList<>();
        for (String userId : userIds) {
            if (claims.size() == MAX_CHECKED_USERS) {
                break;
            }
            users.claims(userId).ifPresent(claims::add);
        }
        List<Finding> findings = new ArrayList<>(StaticChecks.run(app, mappings, claims));
        Optional<AwsTarget> target = AwsTarget.ofGuideApp(app, mappings);
        Optional<AwsConnection> connection = connections.open(app.id());
        if (target.isPresent() && connection.isPresent()) {
            List<String> certificates = keys.publishedKeys(app.id()).stream().map(AwsSide::certificateBase64).toList();
            findings.addAll(live.run(connection.get(), target.get(), app.entityId(), certificates));
            if (testUserName != null) {
                UserClaims user = testUser(appId, testUserName).orElseThrow(() -> new NoTarget(
                        testUserName + " is not an active user assigned to " + app.displayName() + "."));
                TestSignIn.Result result = testSignIn.run(app, user, target.get(), connection.get(), null);
                findings.add(result.ok() ? Finding.ok("test-sign-in", result.message())
                        : new Finding("test-sign-in", Finding.Severity.ERROR, "The test sign-in as " + user.userName()
                        + " failed.", result.message(), "Fix the findings above, or decode the error on the AWS errors page."));
            }
        } else if (connection.isEmpty()) {
            findings.add(new Finding("connection", Finding.Severity.WARNING, "No account connection: the account itself was not checked.",
                    null, "Connect the account to check its provider, role and trust policy."));
        }
        if (claims.isEmpty()) {
            findings.add(new Finding("assignments", Finding.Severity.WARNING, "No active user is assigned: nobody can launch it yet.",
                    null, "Assign users or groups on the Assignments tab."));
        } else if (userIds.size() > MAX_CHECKED_USERS) {
            findings.add(new Finding("assignments", Finding.Severity.WARNING, "Only the first " + MAX_CHECKED_USERS + " of "
                    + userIds.size() + " assigned users were checked.", null, null));
        }
        return findings;
    }

    /**
     * The user a test sign-in signs for: {@code userName} when it is an active user assigned (directly or through a
     * group), or with {@code null} the first such user; empty when there is none.
     */
    public Optional<UserClaims> testUser(String appId, String userName) {
        for (String userId : assignedUserIds(appId)) {
            Optional<UserClaims> claims = users.claims(userId);
            if (claims.isPresent() && (userName == null || claims.get().userName().equals(userName))) {
                return claims;
            }
        }
        return Optional.empty();
    }

    /** The active users assigned to the application, by name, for the test sign-in's picker (at most 200). */
    public List<String> testUserNames(String appId) {
        return assignedUserIds(appId).stream().limit(200).map(users::claims).flatMap(Optional::stream)
                .map(UserClaims::userName).toList();
    }

    /** A test AssumeRoleWithSAML in {@code account} (its first role) as {@code user}, signed with {@code key}. */
    public TestSignIn.Result testSignIn(String appId, ConnectedAccount account, UserClaims user, dev.gatehouse.keys.SigningKey key) {
        return testSignIn.run(awsApp(appId), user, account.roles().get(0), account.connection(), key);
    }

    /** The application's metadata listing {@code keys}' certificates (the active key first). */
    public String metadata(String appId, List<dev.gatehouse.keys.SigningKey> keys) {
        App app = apps.find(appId);
        return IdpMetadata.build(app, keys, baseUrl + "/saml/sso/" + app.id());
    }

    private static String certificateBase64(dev.gatehouse.keys.SigningKey key) {
        try {
            return java.util.Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> assignedUserIds(String appId) {
        Set<String> ids = new LinkedHashSet<>();
        for (Assignments.Assignment a : assignments.of(appId)) {
            if (a.principalType() == Assignments.PrincipalType.USER) {
                ids.add(a.principalId());
            } else {
                groups.find(a.principalId()).map(Group::members).ifPresent(ms -> ms.forEach(m -> ids.add(m.userId())));
            }
        }
        return ids;
    }

    private String metadata(App app) {
        return IdpMetadata.build(app, keys.publishedKeys(app.id()), baseUrl + "/saml/sso/" + app.id());
    }
}
