package dev.gatehouse.awsemulator;

import dev.gatehouse.awsemulator.console.ConsoleAccessHandlers;
import dev.gatehouse.awsemulator.console.ConsoleRedirect;
import dev.gatehouse.awsemulator.console.ConsoleSignInHandlers;
import dev.gatehouse.awsemulator.console.EventHistoryHandlers;
import dev.gatehouse.awsemulator.console.PolicyPageHandlers;
import dev.gatehouse.awsemulator.console.ProviderPageHandlers;
import dev.gatehouse.awsemulator.console.RoleAccessHandlers;
import dev.gatehouse.awsemulator.console.RolePageHandlers;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.query.QueryApiHandlers;
import dev.gatehouse.awsemulator.signin.SigninHandlers;
import dev.gatehouse.web.WebServer;
import io.javalin.config.JavalinConfig;

import static dev.gatehouse.awsemulator.console.EmulatorRole.ANONYMOUS_FORM;
import static dev.gatehouse.awsemulator.console.EmulatorRole.CONSOLE;
import static dev.gatehouse.awsemulator.console.EmulatorRole.CONSOLE_ROOT;
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
    private final ConsoleSignInHandlers consoleSignIn;
    private final ProviderPageHandlers providers;
    private final PolicyPageHandlers policies;
    private final RolePageHandlers roles;
    private final RoleAccessHandlers roleAccess;
    private final EventHistoryHandlers events;

    EmulatorRoutes(ConsoleAccessHandlers access, QueryApiHandlers query, SigninHandlers signin,
                   ConsoleSignInHandlers consoleSignIn, ProviderPageHandlers providers, PolicyPageHandlers policies,
                   RolePageHandlers roles, RoleAccessHandlers roleAccess, EventHistoryHandlers events) {
        this.access = access;
        this.query = query;
        this.signin = signin;
        this.consoleSignIn = consoleSignIn;
        this.providers = providers;
        this.policies = policies;
        this.roles = roles;
        this.roleAccess = roleAccess;
        this.events = events;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.beforeMatched(access::guard);
        r.afterMatched(access::startRequestedSession);
        r.exception(ConsoleRedirect.class, access::redirect);
        r.exception(AwsError.class, access::awsError);

        r.get("/healthz", WebServer::health, PUBLIC);

        // The IAM (2010-05-08) and STS (2011-06-15) Query APIs; each operation checks its own authentication. A POST
        // with X-Amz-Target is CloudTrail's JSON 1.1 API (LookupEvents) on the same URL, as the CLI sends it.
        r.post("/", query::handle, QUERY_API);
        r.get("/", query::handle, QUERY_API);

        r.post("/console/logout", access::logout, CONSOLE);
        r.get("/console/signed-out", consoleSignIn::signedOut, PUBLIC);

        // Root sign-in and the IAM console.
        r.get("/console/signin", consoleSignIn::page, ANONYMOUS_FORM);
        r.post("/console/signin", consoleSignIn::signIn, ANONYMOUS_FORM);
        r.get("/console", access::consoleRoot, CONSOLE_ROOT);
        r.get("/console/iam", providers::dashboard, CONSOLE_ROOT);
        r.get("/console/iam/providers", providers::list, CONSOLE_ROOT);
        r.get("/console/iam/providers/new", providers::newForm, CONSOLE_ROOT);
        r.post("/console/iam/providers", providers::create, CONSOLE_ROOT);
        r.get("/console/iam/providers/{name}", providers::detail, CONSOLE_ROOT);
        r.post("/console/iam/providers/{name}/metadata", providers::replaceMetadata, CONSOLE_ROOT);
        r.post("/console/iam/providers/{name}/delete", providers::delete, CONSOLE_ROOT);
        r.get("/console/iam/policies", policies::list, CONSOLE_ROOT);
        r.get("/console/iam/policies/new", policies::newForm, CONSOLE_ROOT);
        r.post("/console/iam/policies", policies::create, CONSOLE_ROOT);
        r.get("/console/iam/policies/{name}", policies::detail, CONSOLE_ROOT);
        r.post("/console/iam/policies/{name}/delete", policies::delete, CONSOLE_ROOT);
        r.get("/console/iam/roles", roles::list, CONSOLE_ROOT);
        r.get("/console/iam/roles/new", roles::newForm, CONSOLE_ROOT);
        r.post("/console/iam/roles", roles::create, CONSOLE_ROOT);
        r.get("/console/iam/roles/{name}", roles::detail, CONSOLE_ROOT);
        r.post("/console/iam/roles/{name}/attach", roles::attach, CONSOLE_ROOT);
        r.post("/console/iam/roles/{name}/detach", roles::detach, CONSOLE_ROOT);
        r.post("/console/iam/roles/{name}/trust", roles::updateTrust, CONSOLE_ROOT);
        r.post("/console/iam/roles/{name}/delete", roles::delete, CONSOLE_ROOT);
        r.get("/console/iam/roles/{name}/check", roleAccess::check, CONSOLE_ROOT);
        r.post("/console/iam/roles/{name}/revoke-sessions", roleAccess::revokeSessions, CONSOLE_ROOT);
        r.get("/console/cloudtrail", events::list, CONSOLE_ROOT);
        r.get("/console/cloudtrail/events/{id}", events::detail, CONSOLE_ROOT);

        // Console sign-in (stands in for https://signin.aws.amazon.com/saml) and the federated console home.
        r.post("/saml", signin::saml, SAML_POST);
        // A provider's own ACS (IdP-ID = its SAMLProviderUUID): where encrypted assertions are decrypted.
        r.post("/saml/acs/{idpId}", signin::providerAcs, SAML_POST);
        r.get("/console/home", signin::home, CONSOLE);
        r.get("/console/home/check", roleAccess::checkOwnRole, CONSOLE);
        r.get("/console/destination", signin::destination, CONSOLE);
    }
}
