package dev.gatehouse;

import dev.gatehouse.admin.AdminChrome;
import dev.gatehouse.admin.AdminSignInHandlers;
import dev.gatehouse.admin.AppsAdminHandlers;
import dev.gatehouse.admin.AuditAdminHandlers;
import dev.gatehouse.admin.SigningKeysAdminHandlers;
import dev.gatehouse.admin.GroupsAdminHandlers;
import dev.gatehouse.admin.TokensAdminHandlers;
import dev.gatehouse.admin.UsersAdminHandlers;
import dev.gatehouse.admin.PrincipalOptions;
import dev.gatehouse.apps.AppStore;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.AppsApiHandlers;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.AdminTokens;
import dev.gatehouse.directory.Authenticator;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryPrincipals;
import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.ListQuery;
import dev.gatehouse.directory.PasswordHasher;
import dev.gatehouse.directory.ScimHandlers;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.idp.AttributeResolver;
import dev.gatehouse.idp.IdpHandlers;
import dev.gatehouse.idp.ResponseBuilder;
import dev.gatehouse.idp.SingleSignOn;
import dev.gatehouse.idp.UserClaims;
import dev.gatehouse.idp.UserDirectory;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.mfa.MfaAdminHandlers;
import dev.gatehouse.mfa.MfaHandlers;
import dev.gatehouse.mfa.SecondFactor;
import dev.gatehouse.mfa.SignInFlow;
import dev.gatehouse.portal.PortalHandlers;
import dev.gatehouse.samlxml.CryptoProvider;
import dev.gatehouse.storage.Database;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.SessionStore;
import dev.gatehouse.web.SignInThrottle;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.web.WebServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The composition root of the identity center: opens the database, builds every object with {@code new}, hands
 * them to the route table and starts the server. The only class that knows every package.
 */
public final class IdentityCenter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdentityCenter.class);
    private final Config config;
    private final Database database;
    private final Javalin server;
    private final Services services;

    /** The feature objects, for the demo seeder and tests that prepare data without HTTP. */
    public record Services(Directory directory, Applications applications, Assignments assignments,
                           AdminTokens adminTokens, AuditLog audit, SigningKeyStore keys) {
    }

    private IdentityCenter(Config config, Database database, Javalin server, Services services) {
        this.config = config;
        this.database = database;
        this.server = server;
        this.services = services;
    }

    public static IdentityCenter start(Config config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with an injected clock (tests move time to check throttling windows and TOTP steps). */
    public static IdentityCenter start(Config config, Clock clock) {
        SecureRandom random = new SecureRandom();
        // The crypto provider's native library loads while the database opens: independent, and each a good part
        // of start-up. Nothing signs before the join below.
        CompletableFuture<String> crypto = CompletableFuture.supplyAsync(
                CryptoProvider::install, task -> {
                    Thread t = new Thread(task, "crypto-provider");
                    t.setDaemon(true);
                    t.start();
                });
        Database db = Database.open(config.jdbcUrl(), "identity");
        log.info(crypto.join());
        try {
            Views views = new Views();
            AuditLog audit = new AuditLog(db.jdbi(), clock);
            SessionStore sessions = new SessionStore(db.jdbi(), clock, random, config.sessionLifetime());

            UserStore users = new UserStore(db.jdbi(), clock, random);
            GroupStore groups = new GroupStore(db.jdbi(), clock, random);
            PasswordHasher hasher = new PasswordHasher(random);
            Directory directory = new Directory(users, groups, hasher, sessions, audit);
            AdminTokens tokens = new AdminTokens(db.jdbi(), clock, random, audit, config.adminToken());
            Authenticator authenticator = new Authenticator(users, hasher, random);
            WebSecurity security = new WebSecurity(sessions, new DirectoryPrincipals(users, tokens), config.secureCookies());

            // Secrets at rest are sealed under the master key; a key other than the one the database was sealed
            // under stops start-up here (MasterKeyException) instead of failing at the first launch.
            MasterKey masterKey = MasterKey.resolve(config.masterKeyFile(), System.getenv(MasterKey.ENV), config.dataDir(), random);
            SigningKeyStore keys = new SigningKeyStore(db.jdbi(), clock, random, masterKey);
            int sealed = keys.prepare();
            log.info("Master key from {}{}", masterKey.source(), sealed > 0 ? "; sealed " + sealed + " plaintext signing keys" : "");
            Applications applications = new Applications(new AppStore(db.jdbi(), clock), keys, clock, random, config.baseUrl());
            Assignments assignments = new Assignments(db.jdbi(), clock);
            directory.onDeleted((kind, id) -> assignments.removePrincipal(
                    kind == Directory.Kind.USER ? Assignments.PrincipalType.USER : Assignments.PrincipalType.GROUP, id));

            UserDirectory userDirectory = id -> users.findRecent(id).filter(User::active).map(u -> new UserClaims(u.id(),
                    u.userName(), u.subject(), u.email(), u.givenName(), u.familyName(), u.displayName(),
                    groups.groupIdsOfRecent(u.id())));
            SingleSignOn sso = new SingleSignOn(applications, assignments, keys, new AttributeResolver(),
                    new ResponseBuilder(clock, random), audit);
            Function<Context, Chrome> adminChrome = ctx -> adminChrome(ctx, security);
            SecondFactor secondFactor = new SecondFactor(db.jdbi(), clock, random, audit, masterKey);
            SignInFlow signInFlow = new SignInFlow(authenticator, users,
                    new SignInThrottle(db.jdbi(), clock, SignInThrottle.Limits.DEFAULT), secondFactor, audit, clock, random);
            MfaHandlers mfa = new MfaHandlers(views, security, signInFlow, secondFactor, config.secureCookies(),
                    Chrome.plain("portal", "Gatehouse access portal"), AdminChrome.of("/admin/login", null, null));

            Routes routes = new Routes(security,
                    new PortalHandlers(views, security, signInFlow, mfa, userDirectory, applications, assignments, audit),
                    new IdpHandlers(sso, applications, keys, userDirectory, views, config.baseUrl(), clock, random),
                    new AppsApiHandlers(applications, assignments, (type, id) -> type == Assignments.PrincipalType.USER
                            ? users.find(id).isPresent() : groups.find(id).isPresent(), audit, config.baseUrl()),
                    new AppsAdminHandlers(views, security, adminChrome, applications, assignments, keys,
                            principalOptions(users, groups), audit, config.baseUrl()),
                    new ScimHandlers(directory, config.baseUrl()),
                    new AdminSignInHandlers(views, security, signInFlow, mfa, audit),
                    new UsersAdminHandlers(views, security, adminChrome, directory),
                    new GroupsAdminHandlers(views, security, adminChrome, directory),
                    new TokensAdminHandlers(views, security, adminChrome, tokens),
                    mfa, new MfaAdminHandlers(views, security, adminChrome, secondFactor),
                    new AuditAdminHandlers(views, adminChrome, audit),
                    new SigningKeysAdminHandlers(applications, keys, audit));
            Javalin app = WebServer.create(views, routes::register);
            app.start(config.port());
            return new IdentityCenter(config, db, app, new Services(directory, applications, assignments, tokens, audit, keys));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static PrincipalOptions principalOptions(UserStore users, GroupStore groups) {
        return new PrincipalOptions() {
            @Override
            public List<Option> users() {
                return users.list(ListQuery.all()).items().stream()
                        .map(u -> new Option(u.id(), u.userName() + (u.email() != null ? " (" + u.email() + ")" : "")))
                        .toList();
            }

            @Override
            public List<Option> groups() {
                return groups.list(ListQuery.all()).items().stream().map(g -> new Option(g.id(), g.displayName())).toList();
            }
        };
    }

    private static Chrome adminChrome(Context ctx, WebSecurity security) {
        return AdminChrome.of(ctx.path(), WebSecurity.principal(ctx).orElse(null), security.csrfToken(ctx));
    }

    public int port() {
        return server.port();
    }

    public Config config() {
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
        server.stop();
        services.audit().close();
        database.close();
    }
}
