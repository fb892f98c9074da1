package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.policy.PolicySimulator;
import dev.gatehouse.awsemulator.policy.SessionRevocation;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a role may do, on the IAM console: "Check an action" (the policy simulator for one action and resource,
 * the same as {@code SimulatePrincipalPolicy}) and "Revoke active sessions" (the inline policy
 * {@code AWSRevokeOlderSessions}).
 */
public final class RoleAccessHandlers {
    private final IamService iam;
    private final PolicySimulator simulator;
    private final SessionRevocation revocation;
    private final Views views;

    public RoleAccessHandlers(IamService iam, PolicySimulator simulator, SessionRevocation revocation, Views views) {
        this.iam = iam;
        this.simulator = simulator;
        this.revocation = revocation;
        this.views = views;
    }

    /** The simulator's answer for one action, as the page shows it. */
    public record CheckResult(String action, String resource, String decision, List<String> matchedPolicies,
                              List<String> missingKeys) {
    }

    /** The "Check an action" page of a role; {@code formAction} is where its form asks again. */
    public record CheckPage(dev.gatehouse.web.Chrome chrome, IamRole role, String formAction, String action, String resource,
                            CheckResult result) {
    }

    /** {@code GET /console/iam/roles/{name}/check?action=…&resource=…}: a read, so a GET with no CSRF token. */
    public void check(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamRole role = iam.getRole(s.accountId(), ctx.pathParam("name"));
        show(ctx, s, role, "/console/iam/roles/" + URLEncoder.encode(role.roleName(), StandardCharsets.UTF_8) + "/check", "roles");
    }

    /**
     * {@code GET /console/home/check?action=…&resource=…}: the same check from a federated console session, for the
     * role it signed in to, so a user can see offline whether the role lets them do their job.
     */
    public void checkOwnRole(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        if (s.roleName() == null) {
            throw new dev.gatehouse.web.HttpError(404, "The root user has no role to check: use a role's page under IAM → Roles.");
        }
        show(ctx, s, iam.getRole(s.accountId(), s.roleName()), "/console/home/check", "home");
    }

    private void show(Context ctx, ConsoleSession s, IamRole role, String formAction, String tab) {
        String action = trimmed(ctx.queryParam("action"), 128);
        String resource = trimmed(ctx.queryParam("resource"), 2048);
        CheckResult result = null;
        if (!action.isEmpty()) {
            String on = resource.isEmpty() ? "*" : resource;
            PolicySimulator.Outcome o = simulator.simulatePrincipal(s.accountId(), role.arn(), List.of(), List.of(),
                    List.of(action), List.of(on), List.of()).get(0);
            result = new CheckResult(action, on, o.result().decision().wire(),
                    o.result().matched().stream().map(m -> m.policy().sourceId()).distinct().toList(),
                    List.copyOf(o.result().missing()));
        }
        views.html(ctx, "awsemulator/iam/role-check.jte", new CheckPage(ConsoleChrome.of(s, tab), role, formAction, action, resource, result));
    }

    /** {@code POST /console/iam/roles/{name}/revoke-sessions}. */
    public void revokeSessions(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamRole role = iam.getRole(s.accountId(), ctx.pathParam("name"));
        revocation.revokeOlderSessions(s.accountId(), role.roleName());
        ctx.redirect("/console/iam/roles/" + URLEncoder.encode(role.roleName(), StandardCharsets.UTF_8) + "?done=revoked",
                HttpStatus.SEE_OTHER);
    }

    private static String trimmed(String value, int max) {
        String v = value == null ? "" : value.trim();
        return v.length() > max ? v.substring(0, max) : v;
    }
}
