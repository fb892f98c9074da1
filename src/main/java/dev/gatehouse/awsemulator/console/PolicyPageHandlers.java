package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsolePages.PoliciesPage;
import dev.gatehouse.awsemulator.console.ConsolePages.PolicyNewPage;
import dev.gatehouse.awsemulator.console.ConsolePages.PolicyPage;
import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The IAM console's Policies pages: list, Create policy (name and JSON), detail, Delete. */
public final class PolicyPageHandlers {
    static final String EXAMPLE = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": ["s3:ListAllMyBuckets"],
                  "Resource": "*"
                }
              ]
            }""";

    private final IamService iam;
    private final Views views;

    public PolicyPageHandlers(IamService iam, Views views) {
        this.iam = iam;
        this.views = views;
    }

    public void list(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        views.html(ctx, "awsemulator/iam/policies.jte", new PoliciesPage(ConsoleChrome.of(s, "policies"),
                iam.listPolicies(s.accountId()), ConsoleText.notice(ctx.queryParam("done"))));
    }

    public void newForm(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        views.html(ctx, "awsemulator/iam/policy-new.jte", new PolicyNewPage(ConsoleChrome.of(s, "policies"), s.csrfToken(), "", EXAMPLE, "", null));
    }

    public void create(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        String name = text(ctx.formParam("name")).trim();
        String document = text(ctx.formParam("document"));
        String description = text(ctx.formParam("description")).trim();
        try {
            iam.createPolicy(s.accountId(), name, "/", document, description.isEmpty() ? null : description);
            ctx.redirect("/console/iam/policies/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "?done=created", HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            views.html(ctx, e.httpStatus(), "awsemulator/iam/policy-new.jte",
                    new PolicyNewPage(ConsoleChrome.of(s, "policies"), s.csrfToken(), name, document, description, e.getMessage()));
        }
    }

    public void detail(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamPolicy p = find(s, ctx.pathParam("name"));
        views.html(ctx, "awsemulator/iam/policy.jte", new PolicyPage(ConsoleChrome.of(s, "policies"), s.csrfToken(), p,
                iam.policyDescription(p.arn()).orElse(null), ConsoleText.pretty(p.document()), ConsoleText.notice(ctx.queryParam("done")), null));
    }

    public void delete(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        IamPolicy p = find(s, ctx.pathParam("name"));
        try {
            iam.deletePolicy(p.arn());
            ctx.redirect("/console/iam/policies?done=deleted", HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            views.html(ctx, e.httpStatus(), "awsemulator/iam/policy.jte", new PolicyPage(ConsoleChrome.of(s, "policies"),
                    s.csrfToken(), p, iam.policyDescription(p.arn()).orElse(null), ConsoleText.pretty(p.document()), null, e.getMessage()));
        }
    }

    private IamPolicy find(ConsoleSession s, String name) {
        return iam.listPolicies(s.accountId()).stream().filter(p -> p.policyName().equals(name)).findFirst()
                .orElseThrow(() -> AwsError.noSuchEntity("The policy with name " + name + " cannot be found."));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
