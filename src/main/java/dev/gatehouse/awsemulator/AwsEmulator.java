package dev.gatehouse.awsemulator;

import dev.gatehouse.awsemulator.account.AccountStore;
import dev.gatehouse.awsemulator.account.CredentialResolver;
import dev.gatehouse.awsemulator.account.SigV4Verifier;
import dev.gatehouse.awsemulator.cloudtrail.CloudTrailEvents;
import dev.gatehouse.awsemulator.cloudtrail.EventHistory;
import dev.gatehouse.awsemulator.cloudtrail.EventRecorder;
import dev.gatehouse.awsemulator.cloudtrail.LookupEventsOperation;
import dev.gatehouse.awsemulator.console.ConsoleAccessHandlers;
import dev.gatehouse.awsemulator.console.EventHistoryHandlers;
import dev.gatehouse.awsemulator.core.ActionAuthorizer;
import dev.gatehouse.awsemulator.query.JsonApiDispatcher;
import dev.gatehouse.awsemulator.console.ConsoleSessions;
import dev.gatehouse.awsemulator.console.ConsoleSignInHandlers;
import dev.gatehouse.awsemulator.console.RootSignInThrottle;
import dev.gatehouse.awsemulator.console.PolicyPageHandlers;
import dev.gatehouse.awsemulator.console.ProviderPageHandlers;
import dev.gatehouse.awsemulator.console.RoleAccessHandlers;
import dev.gatehouse.awsemulator.console.RolePageHandlers;
import dev.gatehouse.awsemulator.iam.IamQueryOperations;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.policy.ActionResources;
import dev.gatehouse.awsemulator.policy.PolicyAuthorizer;
import dev.gatehouse.awsemulator.policy.PolicySimulator;
import dev.gatehouse.awsemulator.policy.PrincipalPolicies;
import dev.gatehouse.awsemulator.policy.SessionRevocation;
import dev.gatehouse.awsemulator.policy.SimulationOperations;
import dev.gatehouse.awsemulator.query.QueryApiHandlers;
import dev.gatehouse.awsemulator.query.QueryOperation;
import dev.gatehouse.awsemulator.signin.SigninHandlers;
import dev.gatehouse.awsemulator.sts.AssumeRoleWithSaml;
import dev.gatehouse.awsemulator.sts.AssumeRole;
import dev.gatehouse.awsemulator.sts.AssumeRoleOperation;
import dev.gatehouse.awsemulator.sts.AssumeRoleWithSamlOperation;
import dev.gatehouse.awsemulator.sts.ConsoleSignIn;
import dev.gatehouse.awsemulator.sts.GetCallerIdentityOperation;
import dev.gatehouse.awsemulator.sts.SessionCredentialStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebServer;
import io.javalin.Javalin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The emulator's composition root: opens its database, creates the configured accounts, builds every object with
 * {@code new}, hands them to {@link EmulatorRoutes} and starts the server. The only emulator class that knows
 * every emulator package.
 */
public final class AwsEmulator implements AutoCloseable {
    private final EmulatorConfig config;
    private final Database database;
    private final Javalin server;
    private final IamService iam;
    private final AccountStore accounts;

    private AwsEmulator(EmulatorConfig config, Database database, Javalin server, IamService iam, AccountStore accounts) {
        this.config = config;
        this.database = database;
        this.server = server;
        this.iam = iam;
        this.accounts = accounts;
    }

    public static AwsEmulator start(EmulatorConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** Starts with an injected clock (tests move time to check expiry). */
    public static AwsEmulator start(EmulatorConfig config, Clock clock) {
        RandomIds ids = new RandomIds(new SecureRandom());
        org.slf4j.LoggerFactory.getLogger(AwsEmulator.class).info(dev.gatehouse.samlxml.CryptoProvider.install());
        Database db = Database.open(config.jdbcUrl(), "emulator");
        try {
            Views views = new Views();
            AccountStore accounts = new AccountStore(db.jdbi(), clock, ids);
            config.rootCredentials().forEach(accounts::ensure);
            IamService iam = new IamService(db.jdbi(), clock, ids);
            ConsoleSessions consoleSessions = new ConsoleSessions(db.jdbi(), clock, ids);
            ConsoleAccessHandlers access = new ConsoleAccessHandlers(consoleSessions, views, config.secureCookies());

            List<CredentialResolver> resolvers = new ArrayList<>();
            resolvers.add(accounts);
            List<QueryOperation> operations = new ArrayList<>(IamQueryOperations.all(iam));
            // STS and console sign-in. The public URL is known only once the server listens (port 0 in tests).
            AtomicReference<String> publicBaseUrl = new AtomicReference<>(config.baseUrl());
            SessionCredentialStore stsSessions = new SessionCredentialStore(db, ids);
            resolvers.add(stsSessions);
            AssumeRoleWithSaml assumeRoleWithSaml = new AssumeRoleWithSaml(iam, stsSessions, clock, ids, publicBaseUrl::get,
                    config.clockSkew(), config.allowSha1());
            operations.add(new AssumeRoleWithSamlOperation(assumeRoleWithSaml));
            operations.add(new GetCallerIdentityOperation());
            operations.add(new AssumeRoleOperation(new AssumeRole(iam, stsSessions, clock)));
            // CloudTrail: every answered call and console sign-in becomes an event; LookupEvents reads them back.
            CloudTrailEvents trail = new CloudTrailEvents(db.jdbi(), clock);
            EventRecorder recorder = new EventRecorder(trail, stsSessions, id -> accounts.findAccount(id).isPresent(), clock, ids);
            PrincipalPolicies principalPolicies = new PrincipalPolicies(iam);
            PolicyAuthorizer authorizer = new PolicyAuthorizer(principalPolicies, clock);
            SigninHandlers signin = new SigninHandlers(new ConsoleSignIn(assumeRoleWithSaml, iam, ids, recorder), iam, stsSessions,
                    authorizer, views);

            SigV4Verifier sigV4 = new SigV4Verifier(resolvers, clock);
            PolicySimulator simulator = new PolicySimulator(iam, principalPolicies);
            operations.addAll(SimulationOperations.all(simulator));
            JsonApiDispatcher json = new JsonApiDispatcher(List.of(new LookupEventsOperation(trail, clock)), sigV4, authorizer, recorder);
            QueryApiHandlers query = new QueryApiHandlers(operations, sigV4, authorizer, new ActionResources(iam), ids, json, recorder);
            EmulatorRoutes routes = new EmulatorRoutes(access, query, signin, new ConsoleSignInHandlers(accounts, views, clock,
                    new RootSignInThrottle(db.jdbi(), clock, RootSignInThrottle.Limits.DEFAULT), recorder),
                    new ProviderPageHandlers(iam, views), new PolicyPageHandlers(iam, views), new RolePageHandlers(iam, views),
                    new RoleAccessHandlers(iam, simulator, new SessionRevocation(iam, clock), views),
                    new EventHistoryHandlers(new EventHistory(trail, clock), views));
            // Every error page of the emulator wears the emulated console's frame, with its navigation when signed in.
            Javalin app = WebServer.create(views, access::errorChrome, routes::register);
            WebServer.start(app, config.bindAddress(), config.port());
            EmulatorConfig actual = config.port() == 0 ? config.withBaseUrl("http://localhost:" + app.port()) : config;
            publicBaseUrl.set(actual.baseUrl());
            return new AwsEmulator(actual, db, app, iam, accounts);
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

    public String baseUrl() {
        return config.baseUrl();
    }

    public EmulatorConfig config() {
        return config;
    }

    public IamService iam() {
        return iam;
    }

    public AccountStore accounts() {
        return accounts;
    }

    /** The emulator's database (tests read what is stored at rest). */
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
