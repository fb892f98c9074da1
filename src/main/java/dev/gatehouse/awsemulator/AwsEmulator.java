package dev.gatehouse.awsemulator;

import dev.gatehouse.awsemulator.account.AccountStore;
import dev.gatehouse.awsemulator.account.CredentialResolver;
import dev.gatehouse.awsemulator.account.SigV4Verifier;
import dev.gatehouse.awsemulator.console.ConsoleAccessHandlers;
import dev.gatehouse.awsemulator.console.ConsoleSessions;
import dev.gatehouse.awsemulator.iam.IamQueryOperations;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.query.QueryApiHandlers;
import dev.gatehouse.awsemulator.query.QueryOperation;
import dev.gatehouse.storage.Database;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebServer;
import io.javalin.Javalin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
        SecureRandom random = new SecureRandom();
        Database db = Database.open(config.jdbcUrl(), "emulator");
        try {
            Views views = new Views();
            AccountStore accounts = new AccountStore(db.jdbi(), clock, random);
            config.rootCredentials().forEach(accounts::ensure);
            IamService iam = new IamService(db.jdbi(), clock, random);
            ConsoleSessions consoleSessions = new ConsoleSessions(db.jdbi(), clock, random);
            ConsoleAccessHandlers access = new ConsoleAccessHandlers(consoleSessions, config.secureCookies());

            List<CredentialResolver> resolvers = new ArrayList<>();
            resolvers.add(accounts);
            List<QueryOperation> operations = new ArrayList<>(IamQueryOperations.all(iam));
            // --- STS engineer: add the session-credential resolver to `resolvers` and STS operations to `operations`.

            QueryApiHandlers query = new QueryApiHandlers(operations, new SigV4Verifier(resolvers, clock));
            EmulatorRoutes routes = new EmulatorRoutes(access, query);
            Javalin app = WebServer.create(views, routes::register);
            app.start(config.port());
            EmulatorConfig actual = config.port() == 0 ? config.withBaseUrl("http://localhost:" + app.port()) : config;
            return new AwsEmulator(actual, db, app, iam, accounts);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
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

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
