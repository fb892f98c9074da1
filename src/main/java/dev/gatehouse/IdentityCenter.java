package dev.gatehouse;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.storage.Database;
import dev.gatehouse.web.PrincipalResolver;
import dev.gatehouse.web.SessionStore;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.web.WebServer;
import io.javalin.Javalin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root of the identity center: opens the database, builds every object with {@code new}, hands
 * them to the route table and starts the server. The only class that knows every package.
 */
public final class IdentityCenter implements AutoCloseable {
    private final Config config;
    private final Database database;
    private final Javalin server;

    private IdentityCenter(Config config, Database database, Javalin server) {
        this.config = config;
        this.database = database;
        this.server = server;
    }

    public static IdentityCenter start(Config config) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Database db = Database.open(config.jdbcUrl(), "identity");
        try {
            Views views = new Views();
            AuditLog audit = new AuditLog(db.jdbi(), clock);
            SessionStore sessions = new SessionStore(db.jdbi(), clock, random, config.sessionLifetime());
            PrincipalResolver principals = new PrincipalResolver() {
                @Override
                public Optional<dev.gatehouse.web.Principal> forSession(SessionStore.Session session) {
                    return Optional.empty();
                }

                @Override
                public Optional<dev.gatehouse.web.Principal> forBearerToken(String bearerToken) {
                    return Optional.empty();
                }
            };
            WebSecurity security = new WebSecurity(sessions, principals, config.secureCookies());
            Routes routes = new Routes(security);
            Javalin app = WebServer.create(views, routes::register);
            app.start(config.port());
            return new IdentityCenter(config.port() == 0 ? config.withBaseUrl("http://localhost:" + app.port()) : config, db, app);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
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

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
