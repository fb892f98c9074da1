package dev.gatehouse.awsemulator;

import dev.gatehouse.awsemulator.console.ConsoleAccessHandlers;
import dev.gatehouse.awsemulator.console.ConsoleRedirect;
import dev.gatehouse.awsemulator.query.QueryApiHandlers;
import dev.gatehouse.awsemulator.signin.SigninHandlers;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;

import static dev.gatehouse.awsemulator.console.EmulatorRole.CONSOLE;
import static dev.gatehouse.awsemulator.console.EmulatorRole.PUBLIC;
import static dev.gatehouse.awsemulator.console.EmulatorRole.QUERY_API;
import static dev.gatehouse.awsemulator.console.EmulatorRole.SAML_POST;

/**
 * Every URL of the AWS emulator, each with the role allowed to call it. One port serves it all, dispatching as AWS
 * does: the Query APIs on {@code /}, console sign-in on {@code /saml}, console pages under {@code /console/}.
 */
final class EmulatorRoutes {
    private final ConsoleAccessHandlers access;
    private final QueryApiHandlers query;
    private final SigninHandlers signin;

    EmulatorRoutes(ConsoleAccessHandlers access, QueryApiHandlers query, SigninHandlers signin) {
        this.access = access;
        this.query = query;
        this.signin = signin;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.beforeMatched(access::guard);
        r.exception(ConsoleRedirect.class, (e, ctx) -> ctx.redirect(e.location(), HttpStatus.SEE_OTHER));

        r.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"), PUBLIC);

        // The IAM (2010-05-08) and STS (2011-06-15) Query APIs; each operation checks its own authentication.
        r.post("/", query::handle, QUERY_API);
        r.get("/", query::handle, QUERY_API);

        r.post("/console/logout", access::logout, CONSOLE);

        // Console sign-in (stands in for https://signin.aws.amazon.com/saml) and the federated console home.
        r.post("/saml", signin::saml, SAML_POST);
        r.get("/console/home", signin::home, CONSOLE);
    }
}
