package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsolePages.RoleNewPage;
import dev.gatehouse.awsemulator.console.ConsolePages.RolePage;
import dev.gatehouse.awsemulator.console.ConsolePages.RolesPage;
import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM console's Roles pages: list, Create role with the "SAML 2.0 federation" wizard (trust policy pre-filled
 * with the {@code SAML:aud} condition, policies attached by checkbox), detail with trust policy and attachments,
 * attach, detach, edit trust policy, delete.
 */
public final class RolePageHandlers {
    static final String SIGNIN_AUDIENCE = "https://signin.aws.amazon.com/saml";

    private final IamService iam;
    private final Views views;

    public RolePageHandlers(IamService iam, Views views) {
        this.iam = iam;
        this.views = views;
    }

    /** The trust policy AWS's wizard writes for "Allow programmatic and AWS Management Console access". */
    static String samlTrustPolicy(String providerArn) {
        return ConsoleText.pretty("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn.replace("\\", "\\\\").replace("\"", "\\\"") + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"SAML:aud\":\""
                + SIGNIN_AUDIENCE + "\"}}}]}");
    }

    public void list(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        views.html(ctx, "awsemulator/iam/roles.jte", new RolesPage(ConsoleChrome.of(s, "roles"), iam.listRoles(s.accountId()),
                ConsoleText.notice(ctx.queryParam("done"))));
    }

    public void newForm(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        List<SamlProvider> providers = iam.listSamlProviders(s.accountId());
        String asked = ctx.queryParam("provider");
        String chosen = providers.stream().anyMatch(p -> p.arn().equals(asked)) ? asked
                : providers.isEmpty() ? null : providers.get(0).arn();
        views.html(ctx, "awsemulator/iam/role-new.jte", new RoleNewPage(ConsoleChrome.of(s, "roles"), s.csrfToken(), providers,
                chosen, "", chosen == null ? "" : samlTrustPolicy(chosen), "3600", "", iam.listPolicies(s.accountId()), Set.of(), null));
    }

    public void create(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        String name = text(ctx.formParam("roleName")).trim();
        String provider = ctx.formParam("provider");
        String trust = text(ctx.formParam("trustPolicy"));
        String max = text(ctx.formParam("maxSessionDuration")).trim();
        String description = text(ctx.formParam("description")).trim();
        Set<String> checked = new LinkedHashSet<>(ctx.formParams("policyArn"));
        try {
            Integer seconds;
            try {
                seconds = max.isEmpty() ? null : Integer.valueOf(max);
            } catch (NumberFormatException e) {
                throw AwsError.validationError("1 validation error detected: Value '" + max
                        + "' at 'maxSessionDuration' failed to satisfy constraint: Member must be a number");
            }
            List<IamPolicy> available = iam.listPolicies(s.accountId());
            for (String arn : checked) {
                if (available.stream().noneMatch(p -> p.arn().equals(arn))) {
                    throw AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
                }
            }
            if (checked.size() > 10) {
                throw AwsError.limitExceeded("Cannot exceed quota for PoliciesPerRole: 10");
            }
            IamRole role = iam.createRole(s.accountId(), name, "/", trust, seconds, description.isEmpty() ? null : description);
            for (String arn : checked) {
                iam.attachRolePolicy(s.accountId(), role.roleName(), arn);
            }
            ctx.redirect(roleUrl(role.roleName()) + "?done=created", HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            views.html(ctx, e.httpStatus(), "awsemulator/iam/role-new.jte", new RoleNewPage(ConsoleChrome.of(s, "roles"), s.csrfToken(),
                    iam.listSamlProviders(s.accountId()), provider, name, trust, max, description, iam.listPolicies(s.accountId()),
                    checked, e.getMessage()));
        }
    }

    public void detail(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamRole role = iam.getRole(s.accountId(), ctx.pathParam("name"));
        views.html(ctx, "awsemulator/iam/role.jte", page(s, role, ConsoleText.notice(ctx.queryParam("done")), null, null));
    }

    public void attach(Context ctx) {
        change(ctx, role -> iam.attachRolePolicy(role.accountId(), role.roleName(), text(ctx.formParam("policyArn"))), "attached");
    }

    public void detach(Context ctx) {
        change(ctx, role -> iam.detachRolePolicy(role.accountId(), role.roleName(), text(ctx.formParam("policyArn"))), "detached");
    }

    public void updateTrust(Context ctx) {
        change(ctx, role -> iam.updateAssumeRolePolicy(role.accountId(), role.roleName(), text(ctx.formParam("trustPolicy"))), "updated");
    }

    public void delete(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamRole role = iam.getRole(s.accountId(), ctx.pathParam("name"));
        try {
            iam.deleteRole(s.accountId(), role.roleName());
            ctx.redirect("/console/iam/roles?done=deleted", HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            views.html(ctx, e.httpStatus(), "awsemulator/iam/role.jte", page(s, role, null, e.getMessage(), null));
        }
    }

    private void change(Context ctx, java.util.function.Consumer<IamRole> action, String done) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamRole role = iam.getRole(s.accountId(), ctx.pathParam("name"));
        try {
            action.accept(role);
            ctx.redirect(roleUrl(role.roleName()) + "?done=" + done, HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            String trust = done.equals("updated") ? text(ctx.formParam("trustPolicy")) : null;
            views.html(ctx, e.httpStatus(), "awsemulator/iam/role.jte", page(s, role, null, e.getMessage(), trust));
        }
    }

    private RolePage page(ConsoleSession s, IamRole role, String notice, String error, String editedTrust) {
        List<IamPolicy> attached = iam.listAttachedRolePolicies(s.accountId(), role.roleName());
        List<IamPolicy> attachable = iam.listPolicies(s.accountId()).stream()
                .filter(p -> attached.stream().noneMatch(a -> a.arn().equals(p.arn()))).toList();
        String trust = editedTrust != null ? editedTrust : ConsoleText.pretty(role.assumeRolePolicyDocument());
        return new RolePage(ConsoleChrome.of(s, "roles"), s.csrfToken(), role, trust, attached, attachable, notice, error);
    }

    private static String roleUrl(String name) {
        return "/console/iam/roles/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
