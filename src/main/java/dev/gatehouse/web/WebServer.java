package dev.gatehouse.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.security.Roles;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a Javalin server the way every Gatehouse server wants it: JSON through Jackson, static files from the
 * jar, security headers, a request size cap, and one mapping from failures to clear 4xx answers (JSON for API
 * callers, a page for people) so that bad input never becomes a 500.
 */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Requests larger than this are refused before any handler runs (SAML responses stay far below it). */
    public static final long MAX_REQUEST_BYTES = 2_000_000;
    private static final Key<Function<Context, Chrome>> ERROR_CHROME = new Key<>("gatehouse.errorChrome");

    private WebServer() {
    }

    /**
     * A bounded pool without reserved threads: the reserve made Jetty start and stop threads all through a load
     * (a visible share of a launch's allocations), and 64 threads cover far more concurrent work than the CPUs
     * and the one-hash-per-core password limit let through, while keeping stacks out of resident memory.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(64, 8, 60_000);
        pool.setReservedThreads(0);
        pool.setName("http");
        return pool;
    }

    /**
     * @param views       renders the error page
     * @param errorChrome the product's frame for an error page of this request (navigation and who is signed in)
     * @param routes      adds the product's routes, guards and handlers
     */
    public static Javalin create(Views views, Function<Context, Chrome> errorChrome, Consumer<JavalinConfig> routes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.appData(ERROR_CHROME, errorChrome);
            config.jetty.threadPool = threadPool();
            // Jetty caches header fields per connection and rebuilds the cache whenever a new value arrives; behind
            // a load balancer one connection carries many users' cookies, and the rebuilds took a fifth of a
            // launch's CPU. Parsing without the cache is cheaper.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.routes.after(WebServer::securityHeaders);
            config.routes.exception(WebSecurity.Redirect.class, (e, ctx) -> ctx.redirect(e.location(), io.javalin.http.HttpStatus.SEE_OTHER));
            config.routes.exception(HttpError.class, (e, ctx) -> error(views, ctx, e.status(), e.getMessage()));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(views, ctx, 400, e.getMessage()));
            config.routes.exception(NoSuchElementException.class, (e, ctx) -> error(views, ctx, 404, e.getMessage()));
            config.routes.exception(MismatchedInputException.class, (e, ctx) -> error(views, ctx, 400,
                    "The request body is not valid JSON for this call: " + e.getOriginalMessage()));
            config.routes.exception(com.fasterxml.jackson.core.JacksonException.class, (e, ctx) -> error(views, ctx, 400,
                    "The request body is not valid JSON: " + e.getOriginalMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(views, ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                java.util.Optional<HttpError> fault = ClientFaults.of(e);
                if (fault.isPresent()) {
                    ClientFaults.logRefusal(ctx, fault.get());
                    error(views, ctx, fault.get().status(), fault.get().getMessage());
                    return;
                }
                log.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                error(views, ctx, 500, "Something went wrong on our side. The error has been logged.");
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().equals("Endpoint " + ctx.method() + " " + ctx.path() + " not found")) {
                    error(views, ctx, 404, "There is nothing at " + ctx.path() + ".");
                }
            });
            config.routes.error(405, ctx -> error(views, ctx, 405, "Method not allowed here."));
            routes.accept(config);
            headRoutes(config);
        });
    }

    /**
     * A HEAD route beside every GET route, with the GET route's handler and roles. Javalin answers HEAD with the
     * GET handler by itself, but without the route's roles, so a guard would find none.
     */
    private static void headRoutes(JavalinConfig config) {
        InternalRouter router = config.unsafe.internalRouter;
        for (Endpoint get : endpoints(router)) {
            if (get.method == HandlerType.GET && !router.hasHttpHandlerEntry(HandlerType.HEAD, get.path)) {
                Roles roles = get.metadata(Roles.class);
                config.routes.addEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler,
                        roles == null ? Set.of() : Set.of(roles)));
            }
        }
    }

    private static List<Endpoint> endpoints(InternalRouter router) {
        return router.allHttpHandlers().stream().map(p -> p.endpoint).toList();
    }

    /** One route of a server: its method and path as registered, e.g. {@code GET /api/apps/{id}}. */
    public record Route(String method, String path) {
    }

    /** Every route {@code server} answers, read from its router (so a test can walk them all). */
    public static List<Route> routes(Javalin server) {
        return endpoints(server.unsafe.internalRouter).stream()
                .filter(e -> e.method.isHttpMethod())
                .map(e -> new Route(e.method.name(), e.path)).toList();
    }

    /**
     * Starts listening on {@code bindAddress} ({@code null}: every interface, Jetty's default) and {@code port}.
     */
    public static void start(Javalin app, String bindAddress, int port) {
        if (bindAddress == null) {
            app.start(port);
        } else {
            app.start(bindAddress, port);
        }
    }

    /** {@code GET /healthz}: answers {@code ok} while the server takes requests (for load balancers). */
    public static void health(Context ctx) {
        ctx.contentType("text/plain").result("ok");
    }

    /**
     * The headers every response carries. Runs after each handler; a handler that streams must call it before
     * writing, because a response larger than the output buffer is sent, headers first, while it is written.
     */
    public static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        if (ctx.res().getHeader("Referrer-Policy") == null) {
            ctx.header("Referrer-Policy", "same-origin");
        }
        if (ctx.res().getHeader("Content-Security-Policy") == null) {
            ctx.header("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        }
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** Answers an error as JSON to API callers and as a page to browsers. */
    public static void error(Views views, Context ctx, int status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/scim/")) {
            ctx.contentType("application/scim+json").result(JSON.createObjectNode()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("schemas", JSON.createArrayNode().add("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .put("status", String.valueOf(status))
                    .put("detail", message == null ? "" : message)
                    .toString());
        } else if (wantsJson(ctx)) {
            ctx.json(Map.of("status", status, "error", message == null ? "" : message));
        } else {
            errorPage(views, ctx, status, titleFor(status), message);
        }
    }

    /**
     * The error page for people, in the product's frame with its navigation, linking back to the start of what the
     * caller may use: the frame's first link, or the section's sign-in for a visitor.
     */
    public static void errorPage(Views views, Context ctx, int status, String title, String message) {
        Chrome chrome = chrome(ctx);
        String path = ctx.path();
        String back = !chrome.nav().isEmpty() ? chrome.nav().get(0).href()
                : path.startsWith("/console") || path.equals("/saml") ? "/console/signin"
                : path.startsWith("/admin") ? "/admin" : "/";
        views.html(ctx, status, "layout/error.jte", new ErrorPage(status, title, message, back, chrome));
    }

    private static Chrome chrome(Context ctx) {
        try {
            return ctx.appData(ERROR_CHROME).apply(ctx);
        } catch (RuntimeException e) {
            // The frame needs the session's user; when that lookup fails too, the error still gets a page.
            log.warn("No page frame for the error page on {}: {}", ctx.path(), e.toString());
            return Chrome.plain("portal", "Gatehouse");
        }
    }

    public static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        String path = ctx.path();
        return path.startsWith("/api/") || path.startsWith("/scim/")
                || (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "That request could not be used";
            case 401 -> "Please sign in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Not allowed here";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            default -> status >= 500 ? "Server error" : "Request refused";
        };
    }
}
