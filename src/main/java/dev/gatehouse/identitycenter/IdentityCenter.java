package dev.gatehouse.identitycenter;

import dev.gatehouse.admin.AdminChrome;
import dev.gatehouse.admin.AppsAdminHandlers;
import dev.gatehouse.admin.AuditAdminHandlers;
import dev.gatehouse.admin.CatalogAdminHandlers;
import dev.gatehouse.admin.LdapAdminHandlers;
import dev.gatehouse.admin.GroupsAdminHandlers;
import dev.gatehouse.admin.SigningKeysAdminHandlers;
import dev.gatehouse.admin.TokensAdminHandlers;
import dev.gatehouse.admin.UsersAdminHandlers;
import dev.gatehouse.apps.AppStore;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.AppsApiHandlers;
import dev.gatehouse.apps.AssignablePrincipals;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.CatalogApiHandlers;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.awsaccess.AccessKeysHandlers;
import dev.gatehouse.awsaccess.AwsAccessHandlers;
import dev.gatehouse.awsaccess.AwsAssertions;
import dev.gatehouse.awsaccess.CatalogRoles;
import dev.gatehouse.awsaccess.GuideAccountRoles;
import dev.gatehouse.awsaccess.PortalAccessKeys;
import dev.gatehouse.awsaccess.StsExchange;
import dev.gatehouse.devicelogin.DeviceGrants;
import dev.gatehouse.devicelogin.DevicePageHandlers;
import dev.gatehouse.devicelogin.DeviceTokenAuthority;
import dev.gatehouse.devicelogin.DeviceTokens;
import dev.gatehouse.devicelogin.OAuthHandlers;
import dev.gatehouse.devicelogin.UserCodeThrottle;
import dev.gatehouse.directory.AccessRevocation;
import dev.gatehouse.awsside.AwsConnections;
import dev.gatehouse.awsside.AwsApiClient;
import dev.gatehouse.awsside.AwsSide;
import dev.gatehouse.awsside.AwsSideHandlers;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.Authenticator;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.PasswordHasher;
import dev.gatehouse.directory.ScimHandlers;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.idp.AttributeResolver;
import dev.gatehouse.idp.IdpHandlers;
import dev.gatehouse.idp.ResponseBuilder;
import dev.gatehouse.awsside.AssertionEncryption;
import dev.gatehouse.awsside.EncryptionApiHandlers;
import dev.gatehouse.keys.EncryptionCertificates;
import dev.gatehouse.keys.SelfSignedCertificates;
import dev.gatehouse.idp.SingleSignOn;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.portal.AwsAccountsHandlers;
import dev.gatehouse.portal.PortalChrome;
import dev.gatehouse.awsside.ProviderPush;
import dev.gatehouse.awsside.TestSignIn;
import dev.gatehouse.keyrotation.KeyRotation;
import dev.gatehouse.keyrotation.KeyRotationHandlers;
import dev.gatehouse.keys.RotationKeys;
import dev.gatehouse.provisioning.PushQueue;
import dev.gatehouse.provisioning.PushTargets;
import dev.gatehouse.provisioning.ScimPush;
import dev.gatehouse.admin.ProvisioningAdminHandlers;
import dev.gatehouse.portal.PortalHandlers;
import dev.gatehouse.samlxml.CryptoProvider;
import dev.gatehouse.signin.ChallengeStore;
import dev.gatehouse.signin.FactorAdministration;
import dev.gatehouse.signin.PasswordlessLimit;
import dev.gatehouse.signin.SecurityAdminHandlers;
import dev.gatehouse.signin.SessionPrincipals;
import dev.gatehouse.signin.SessionStore;
import dev.gatehouse.signin.SignInFlow;
import dev.gatehouse.signin.SignInHandlers;
import dev.gatehouse.signin.SignInThrottle;
import dev.gatehouse.signin.factors.FactorPolicy;
import dev.gatehouse.signin.factors.RecoveryCodeFactor;
import dev.gatehouse.signin.factors.SecondFactors;
import dev.gatehouse.signin.factors.PasskeyAccountHandlers;
import dev.gatehouse.signin.factors.PasskeyFactor;
import dev.gatehouse.signin.factors.PasskeyStore;
import dev.gatehouse.signin.factors.Passkeys;
import dev.gatehouse.signin.factors.TotpAccountHandlers;
import dev.gatehouse.signin.factors.TotpEnrolment;
import dev.gatehouse.signin.factors.TotpFactor;
import dev.gatehouse.signin.factors.TotpStore;
import dev.gatehouse.signin.sources.ConfiguredLdap;
import dev.gatehouse.signin.sources.DirectoryIdentitySource;
import dev.gatehouse.signin.sources.LdapSettingsStore;
import dev.gatehouse.signin.sources.LdapSyncLease;
import dev.gatehouse.storage.Database;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.web.WebServer;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The composition root of the identity center: opens the database, builds every object with {@code new}, hands
 * them to the route table and starts the server. The only class that knows every identity-center package; it
 * holds no logic of its own.
 */
public final class IdentityCenter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdentityCenter.class);
    private final IdentityCenterConfig config;
    private final Database database;
    private final Javalin server;
    private final Services services;
    /** The background threads (LDAP sync, SCIM push, key rotation), stopped on close. */
    private final List<ScheduledExecutorService> schedules;

    /** The feature objects, for the demo seeder and tests that prepare data without HTTP. */
    public record Services(Directory directory, Applications applications, Assignments assignments,
                           AdminTokens adminTokens, AuditLog audit, SigningKeyStore keys, ConfiguredLdap ldap,
                           AwsCatalog catalog, ScimPush scimPush, KeyRotation keyRotation) {
    }

    private IdentityCenter(IdentityCenterConfig config, Database database, Javalin server,
                           List<ScheduledExecutorService> schedules, Services services) {
        this.config = config;
        this.schedules = schedules;
        this.database = database;
        this.server = server;
        this.services = services;
    }

    public static IdentityCenter start(IdentityCenterConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with an injected clock (tests move time to check throttling windows and TOTP steps). */
    public static IdentityCenter start(IdentityCenterConfig config, Clock clock) {
        SecureRandom random = new SecureRandom();
        RandomIds ids = new RandomIds(random);
        CompletableFuture<String> crypto = CryptoProvider.installInBackground(); // nothing signs before the join
        Database db = Database.open(config.jdbcUrl(), "identity");
        log.info(crypto.join());
        try {
            Views views = new Views();
            AuditLog audit = new AuditLog(db.jdbi(), clock);
            // Secrets at rest are sealed under the master key; a key other than the one the database was sealed
            // under stops start-up here (MasterKeyException) instead of failing at the first launch.
            MasterKey masterKey = MasterKey.resolve(config.masterKeyFile(), System.getenv(MasterKey.ENV), config.dataDir(), random);
            SigningKeyStore keys = new SigningKeyStore(db.jdbi(), clock, random, masterKey);
            int sealed = keys.prepare();
            log.info("Master key from {}{}", masterKey.source(), sealed > 0 ? "; sealed " + sealed + " plaintext signing keys" : "");

            // Directory and sessions: the directory ends a user's sessions when it takes their access away.
            SessionStore sessions = new SessionStore(db.jdbi(), clock, ids, config.sessionLifetime());
            UserStore users = new UserStore(db.jdbi(), clock, ids);
            GroupStore groups = new GroupStore(db.jdbi(), clock, ids);
            PasswordHasher hasher = new PasswordHasher(random);
            DeviceTokens deviceTokens = new DeviceTokens(db.jdbi(), clock, ids, audit, users);
            Directory directory = new Directory(users, groups, hasher, AccessRevocation.all(sessions, deviceTokens), audit);
            AdminTokens tokens = new AdminTokens(db.jdbi(), clock, ids, audit, config.adminToken());
            ActiveUsers activeUsers = new ActiveUsers(users, groups);
            WebSecurity security = new WebSecurity(new DeviceTokenAuthority(
                    new SessionPrincipals(sessions, users, tokens), deviceTokens, users), ids, config.secureCookies());

            // Applications and single sign-on.
            Applications applications = new Applications(new AppStore(db.jdbi(), clock), keys, audit, clock, ids, config.baseUrl());
            AssignablePrincipals principals = new AssignablePrincipals(users, groups);
            Assignments assignments = new Assignments(db.jdbi(), clock, principals, audit);
            directory.onDeleted(assignments);
            AwsCatalog catalog = new AwsCatalog(applications, principals, activeUsers, audit, db.jdbi(), clock);
            directory.onDeleted(catalog);
            // SCIM push: assignments and directory changes queue pushes; a worker on each node runs them.
            ScimPush scimPush = new ScimPush(new PushTargets(db.jdbi(), masterKey, applications, audit, clock),
                    new PushQueue(db.jdbi(), clock), directory, assignments, audit, clock, ids, db.jdbi());
            directory.onUsersChanged(scimPush);
            assignments.onChanged(scimPush);
            // Encrypted assertions: the certificate each application's launches are encrypted to (if any).
            EncryptionCertificates encryptionCertificates = new EncryptionCertificates(db.jdbi(), clock);
            SingleSignOn sso = new SingleSignOn(applications, assignments, keys, new AttributeResolver(),
                    new ResponseBuilder(clock, ids, encryptionCertificates::forLaunch), audit, catalog);

            // Signing in: identity sources for the password, then second factors.
            TotpStore totpStore = new TotpStore(db.jdbi(), clock, masterKey);
            Passkeys passkeys = new Passkeys(new PasskeyStore(db.jdbi(), clock), config.baseUrl(), clock, ids, audit);
            SecondFactors factors = new SecondFactors(List.of(new TotpFactor(totpStore, clock, audit),
                    new RecoveryCodeFactor(totpStore, audit), new PasskeyFactor(passkeys, audit)), audit);
            FactorPolicy factorPolicy = new FactorPolicy(db.jdbi(), clock, audit);
            // LDAP first: it leaves the names of Gatehouse's own users to the built-in directory.
            ConfiguredLdap ldap = new ConfiguredLdap(new LdapSettingsStore(db.jdbi(), masterKey, audit, clock), directory, audit,
                    new LdapSyncLease(db.jdbi(), clock, ids.token()));
            SignInFlow signInFlow = new SignInFlow(List.of(ldap, new DirectoryIdentitySource(new Authenticator(users, hasher, ids), users)),
                    users, new SignInThrottle(db.jdbi(), clock, ids, SignInThrottle.Limits.DEFAULT), factors,
                    factorPolicy, new ChallengeStore(db.jdbi(), clock), audit, clock, ids);

            ProductChrome portalChrome = PortalChrome.of(security);
            ProductChrome adminChrome = AdminChrome.of(security);
            // The command line: device sign-in, then assertions for the AWS roles the user is entitled to.
            DeviceGrants deviceGrants = new DeviceGrants(db.jdbi(), clock, ids, deviceTokens, new UserCodeThrottle(db.jdbi(), clock), audit);
            AwsAssertions awsAssertions = new AwsAssertions(List.of(new GuideAccountRoles(applications, assignments, activeUsers),
                    new CatalogRoles(catalog, activeUsers)),
                    sso, activeUsers, audit);
            // The AWS side, key rotation and assertion encryption, which push through its connections.
            AwsApiClient awsClient = new AwsApiClient(clock);
            AwsSide awsSide = new AwsSide(applications, catalog, assignments, groups, activeUsers, keys,
                    new AwsConnections(db.jdbi(), masterKey, audit, clock), awsClient, audit, clock, config.baseUrl(),
                    new TestSignIn(sso, new StsExchange(), clock), encryptionCertificates);
            KeyRotation keyRotation = new KeyRotation(applications, keys, new RotationKeys(db.jdbi(), keys, clock), awsSide,
                    new ProviderPush(awsClient), db.jdbi(), audit, clock, config.keyRotation());
            AssertionEncryption assertionEncryption = new AssertionEncryption(awsSide, encryptionCertificates, awsClient,
                    new SelfSignedCertificates(random), audit, db.jdbi(), clock);
            IdentityCenterRoutes routes = new IdentityCenterRoutes(security,
                    new PortalHandlers(views, security, portalChrome, activeUsers, applications, assignments, catalog),
                    new AwsAccountsHandlers(views, portalChrome, activeUsers, catalog),
                    new SignInHandlers(views, security, signInFlow, sessions, audit, config.secureCookies(), adminChrome.plain(), passkeys,
                            new PasswordlessLimit(clock, Passkeys.CHALLENGE_LIFETIME)),
                    new TotpAccountHandlers(views, security, new TotpEnrolment(totpStore, factors, factorPolicy, clock, ids, audit),
                            factorPolicy, portalChrome),
                    new PasskeyAccountHandlers(views, security, passkeys, portalChrome, factorPolicy, factors),
                    new SecurityAdminHandlers(views, security, adminChrome, factors, factorPolicy),
                    new IdpHandlers(sso, applications, keys, activeUsers, views, config.baseUrl(), clock, ids),
                    new AppsApiHandlers(applications, assignments, config.baseUrl()),
                    new CatalogApiHandlers(catalog),
                    new AppsAdminHandlers(views, security, adminChrome, applications, assignments, keys, principals, config.baseUrl(), clock),
                    new CatalogAdminHandlers(views, security, adminChrome, catalog, principals, config.baseUrl()),
                    new SigningKeysAdminHandlers(applications, keys),
                    new ScimHandlers(directory, config.baseUrl()),
                    new UsersAdminHandlers(views, security, adminChrome, directory, new FactorAdministration(factors, sessions)),
                    new GroupsAdminHandlers(views, security, adminChrome, directory),
                    new TokensAdminHandlers(views, security, adminChrome, tokens, clock),
                    new AuditAdminHandlers(views, adminChrome, audit, directory, applications),
                    new LdapAdminHandlers(views, security, adminChrome, ldap),
                    new ProvisioningAdminHandlers(views, security, adminChrome, applications, scimPush),
                    new OAuthHandlers(deviceGrants, deviceTokens, config.baseUrl()),
                    new DevicePageHandlers(views, security, portalChrome, adminChrome, deviceGrants, deviceTokens, users, clock, config.baseUrl()),
                    new AwsAccessHandlers(awsAssertions, clock),
                    new AccessKeysHandlers(views, security, portalChrome, awsAssertions,
                            new PortalAccessKeys(awsAssertions, new StsExchange(), audit), clock, config.baseUrl()),
                    new AwsSideHandlers(awsSide, assertionEncryption, views, security, adminChrome),
                    new EncryptionApiHandlers(awsSide, assertionEncryption),
                    new KeyRotationHandlers(keyRotation, views, security, adminChrome));
            Javalin app = WebServer.create(views, ProductChrome.forErrors(portalChrome, adminChrome, "/admin"), routes::register);
            WebServer.start(app, config.bindAddress(), config.port());
            List<ScheduledExecutorService> schedules = new java.util.ArrayList<>();
            schedules.add(BackgroundWorkers.every("ldap-sync", ldap::tick, java.time.Duration.ofMinutes(1)));
            // Threads of their own: a long LDAP sync must not hold pushes back, nor a slow target the sync.
            if (!config.scimPushInterval().isZero()) {
                schedules.add(BackgroundWorkers.every("scim-push", scimPush::tick, config.scimPushInterval()));
            }
            schedules.add(BackgroundWorkers.every("recent-launches", catalog::flushRecentUses, java.time.Duration.ofSeconds(1)));
            if (!config.keyRotation().interval().isZero()) {
                schedules.add(BackgroundWorkers.every("key-rotation", keyRotation::tick, config.keyRotation().interval()));
            }
            return new IdentityCenter(config, db, app, List.copyOf(schedules),
                    new Services(directory, applications, assignments, tokens, audit, keys, ldap, catalog, scimPush, keyRotation));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** Every route this server answers, as its router holds them (HEAD routes included). */
    public java.util.List<WebServer.Route> routes() {
        return WebServer.routes(server);
    }

    public IdentityCenterConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Services services() {
        return services;
    }

    @Override
    public void close() {
        schedules.forEach(ScheduledExecutorService::shutdownNow);
        server.stop();
        services.catalog().flushRecentUses(); // what this node noted last, before the database goes
        services.audit().close();
        database.close();
    }
}
