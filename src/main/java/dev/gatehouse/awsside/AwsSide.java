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
import dev.gatehouse.keys.EncryptionCertificates;
import dev.gatehouse.keys.SigningKeyStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS side of one application: the target it signs users into, the bundle that sets that account up, and the
 * pre-flight checks. Changes nothing in the account: the one call that is not a read is a test sign-in, whose
 * credentials are thrown away (and whose assertion is audited). Thread-safe.
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
    private final SetupChecks setupChecks;
    private final AuditLog audit;
    private final CloudTrailJoin trail;
    private final String baseUrl;
    private final TestSignIn testSignIn;

    public AwsSide(Applications apps, AwsCatalog catalog, Assignments assignments, GroupStore groups, ActiveUsers users,
                   SigningKeyStore keys, AwsConnections connections, AwsApiClient client, AuditLog audit, Clock clock, String baseUrl,
                   TestSignIn testSignIn, EncryptionCertificates encryption) {
        this.testSignIn = testSignIn;
        this.connections = connections;
        this.setupChecks = new SetupChecks(assignments, catalog, groups, users, keys, connections, new LiveChecks(client),
                new EncryptionCheck(client, encryption));
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

    /** Whether the application is an "AWS accounts" catalog (connections and checks per account) rather than the guide's one account. */
    public static boolean isCatalog(App app) {
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
        Optional<AwsConnection> connection = launch.target() == null ? Optional.empty() : launchAccount(launch)
                .flatMap(account -> connections.open(launch.target(), account));
        if (connection.isEmpty()) {
            return new WhatHappened(launch, null, "The application has no account connection: connect the account on its AWS side page to read CloudTrail.");
        }
        try {
            return new WhatHappened(launch, trail.join(launch, connection.get()), null);
        } catch (CloudTrailJoin.NotJoinable e) {
            return new WhatHappened(launch, null, e.getMessage());
        }
    }

    /** The connection key of the account a launch went to: a catalog's account from its role ARN, or a guide instance's one. */
    private Optional<String> launchAccount(AuditLog.Event launch) {
        App app;
        try {
            app = apps.find(launch.target());
        } catch (java.util.NoSuchElementException e) {
            return Optional.empty(); // the application was deleted since, and its connection with it
        }
        return isCatalog(app) ? CloudTrailJoin.accountOf(launch) : Optional.of(AwsConnections.GUIDE_ACCOUNT);
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
     * The pre-flight checks of a guide instance, or of one account of a catalog ({@code accountId} required there):
     * the static ones for every active user who may launch it; with a connection, the live ones for each role.
     */
    public List<Finding> checks(String appId, String accountId) {
        App app = awsApp(appId);
        List<AttributeMapping> mappings = apps.mappings(app);
        if (isCatalog(app)) {
            CatalogAccount account = catalogAccount(appId, accountId);
            return setupChecks.catalogAccount(app, mappings, account, catalogTargets(appId).get(account));
        }
        return setupChecks.guideInstance(app, mappings);
    }

    /**
     * The checks, and for a guide instance with a connection a test AssumeRoleWithSAML as {@code testUserName} (an
     * active user assigned to it; {@code null}: no test sign-in), its credentials thrown away; the assertion is audited
     * with {@code requestedBy} as its actor.
     */
    public List<Finding> checks(String appId, String accountId, String testUserName, String requestedBy) {
        List<Finding> findings = new ArrayList<>(checks(appId, accountId));
        if (testUserName == null) {
            return findings;
        }
        App app = awsApp(appId);
        if (isCatalog(app)) {
            throw new NoTarget("The test sign-in covers External AWS Account instances for now.");
        }
        ConnectedAccount account = connectedAccounts(appId).stream().findFirst().orElseThrow(() -> new NoTarget(
                "Connect the account first: the test sign-in goes through its STS endpoint."));
        UserClaims user = testUser(appId, testUserName).orElseThrow(() -> new NoTarget(
                testUserName + " is not an active user assigned to " + app.displayName() + "."));
        TestSignIn.Result result = testSignIn(appId, account, user, null, requestedBy);
        findings.add(result.ok() ? Finding.ok("test-sign-in", result.message())
                : new Finding("test-sign-in", Finding.Severity.ERROR, "The test sign-in as " + user.userName() + " failed.",
                result.message(), "Fix the findings above, or decode the error on the AWS errors page."));
        return findings;
    }

    /**
     * The user a test sign-in signs for: {@code userName} when it is an active user assigned (directly or through a
     * group), or with {@code null} the first such user; empty when there is none.
     */
    public Optional<UserClaims> testUser(String appId, String userName) {
        for (String userId : setupChecks.assignedUserIds(appId)) {
            Optional<UserClaims> claims = users.claims(userId);
            if (claims.isPresent() && (userName == null || claims.get().userName().equals(userName))) {
                return claims;
            }
        }
        return Optional.empty();
    }

    /** The active users assigned to the application, by name, for the test sign-in's picker (at most 200). */
    public List<String> testUserNames(String appId) {
        return setupChecks.assignedUserIds(appId).stream().limit(200).map(users::claims).flatMap(Optional::stream)
                .map(UserClaims::userName).toList();
    }

    /** A test AssumeRoleWithSAML in {@code account} (its first role) as {@code user}, signed with {@code key} ({@code null}: the active key). */
    public TestSignIn.Result testSignIn(String appId, ConnectedAccount account, UserClaims user, dev.gatehouse.keys.SigningKey key,
                                        String requestedBy) {
        return testSignIn.run(awsApp(appId), user, account.roles().get(0), account.connection(), key, requestedBy);
    }

    /** The application's metadata listing {@code keys}' certificates (the active key first). */
    public String metadata(String appId, List<dev.gatehouse.keys.SigningKey> keys) {
        App app = apps.find(appId);
        return IdpMetadata.build(app, keys, baseUrl + "/saml/sso/" + app.id());
    }

    /** The catalog's account {@code accountId}, or {@link NoTarget} naming what to pass. */
    public CatalogAccount catalogAccount(String appId, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new NoTarget("Name the catalog account: ?account=ACCOUNT_ID.");
        }
        return catalog.accounts(appId).stream().filter(a -> a.accountId().equals(accountId)).findFirst()
                .orElseThrow(() -> new NoTarget("The catalog has no account " + accountId + "."));
    }

    /**
     * The connection key of an application's account: {@link AwsConnections#GUIDE_ACCOUNT} for a guide instance (an
     * account given anyway must be its target's), a catalog account's ID (it must be in the catalog).
     */
    public String connectionKey(String appId, String accountId) {
        App app = awsApp(appId);
        if (isCatalog(app)) {
            return catalogAccount(appId, accountId).accountId();
        }
        if (accountId != null && !accountId.isBlank() && target(appId).map(t -> !t.accountId().equals(accountId)).orElse(true)) {
            throw new NoTarget(app.displayName() + " signs into one account only; leave out ?account= or name "
                    + target(appId).map(AwsTarget::accountId).orElse("the account its Role mapping names") + ".");
        }
        return AwsConnections.GUIDE_ACCOUNT;
    }

    private String metadata(App app) {
        return IdpMetadata.build(app, keys.publishedKeys(app.id()), baseUrl + "/saml/sso/" + app.id());
    }
}
