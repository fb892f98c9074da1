package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.awsemulator.console.ConsoleAccessHandlers;
import dev.gatehouse.awsemulator.console.ConsoleSessions;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.query.AwsError;
import dev.gatehouse.awsemulator.sts.AssumeRoleWithSaml;
import dev.gatehouse.awsemulator.sts.AssumeRoleWithSamlRequest;
import dev.gatehouse.awsemulator.sts.IssuedSession;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The emulated {@code https://signin.aws.amazon.com/saml}: takes the IdP's POSTed {@code SAMLResponse}, lets the
 * user choose among several roles as AWS's page does, runs AssumeRoleWithSAML for the chosen pair and signs the
 * browser in to a federated console session; and the console home page of that session. A cross-site POST from
 * the IdP carries no CSRF token by design: the signed assertion is the proof.
 */
public final class SigninHandlers {
    static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
    static final String SESSION_DURATION = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    private static final String PRODUCT = "AWS Management Console (emulated)";
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final AssumeRoleWithSaml sts;
    private final IamService iam;
    private final ConsoleAccessHandlers access;
    private final Views views;
    private final SignedSamlVerifier verifier = new SignedSamlVerifier();

    public SigninHandlers(AssumeRoleWithSaml sts, IamService iam, ConsoleAccessHandlers access, Views views) {
        this.sts = sts;
        this.iam = iam;
        this.access = access;
        this.views = views;
    }

    /** {@code POST /saml}. */
    public void saml(Context ctx) {
        Map<String, List<String>> form = form(ctx);
        String samlResponse = first(form, "SAMLResponse");
        String relayState = first(form, "RelayState");
        String chosen = first(form, "roleIndex");
        // Unverified read, only to know which pair to ask STS for; STS verifies the pair against the signed values.
        List<RolePair> pairs = samlResponse == null ? List.of()
                : RolePair.parse(verifier.unverifiedAttributeValues(samlResponse, ROLE_ATTRIBUTE));
        if (pairs.isEmpty()) {
            invalid(ctx, null);
            return;
        }
        Optional<RolePair> pair;
        if (chosen != null && !chosen.isBlank()) {
            pair = pairs.stream().filter(p -> p.roleArn().equals(chosen.trim())).findFirst();
        } else if (pairs.size() == 1) {
            pair = Optional.of(pairs.get(0));
        } else {
            views.html(ctx, "awsemulator/signin/chooser.jte",
                    new RoleChooserPage(Chrome.plain("aws", PRODUCT), samlResponse, relayState == null ? "" : relayState, byAccount(pairs)));
            return;
        }
        if (pair.isEmpty()) {
            invalid(ctx, "The chosen role is not one of the roles in the SAML response.");
            return;
        }
        AssumeRoleWithSaml.Result result;
        try {
            result = sts.assume(AssumeRoleWithSamlRequest.of(pair.get().roleArn(), pair.get().providerArn(), samlResponse,
                    consoleDuration(samlResponse, pair.get().roleArn()), null, List.of()));
        } catch (AwsError e) {
            if (e.code().equals("InvalidIdentityToken")) {
                invalid(ctx, e.getMessage());
            } else {
                String text = e.getMessage() + " (Service: AWSSecurityTokenService; Status Code: " + e.httpStatus()
                        + "; Error Code: " + e.code() + "; Request ID: " + UUID.randomUUID() + "). Please try again.";
                views.html(ctx, e.httpStatus(), "awsemulator/signin/error.jte", new SigninErrorPage(Chrome.plain("aws", PRODUCT), false, text));
            }
            return;
        }
        IssuedSession s = result.session();
        access.startSession(ctx, new ConsoleSessions.ConsoleSession(null, s.accountId(), ConsoleSessions.Kind.FEDERATED,
                s.assumedRoleArn(), s.roleName(), s.sessionName(), s.sourceIdentity(), s.expiresAt(), null));
        ctx.redirect(safeRelayState(relayState).orElse("/console/home"), HttpStatus.SEE_OTHER);
    }

    /** {@code GET /console/home}. */
    public void home(Context ctx) {
        ConsoleSessions.ConsoleSession session = ConsoleAccessHandlers.requireSession(ctx);
        List<String> policies = new ArrayList<>();
        if (session.roleName() != null) {
            try {
                iam.listAttachedRolePolicies(session.accountId(), session.roleName()).stream().map(IamPolicy::policyName).forEach(policies::add);
            } catch (AwsError e) {
                // The role was deleted after sign-in; the session lives on (as on AWS) with nothing to list.
            }
        }
        String who = session.isRoot() ? "Root user" : session.roleName() + "/" + session.sessionName();
        Chrome chrome = new Chrome("aws", PRODUCT, List.of(), who, "/console/logout", session.csrfToken());
        views.html(ctx, "awsemulator/signin/home.jte", new ConsoleHomePage(chrome, session.accountId(), session.principalArn(),
                session.roleName() == null ? "(root)" : session.roleName(), session.sessionName() == null ? "" : session.sessionName(),
                session.sourceIdentity(), EXPIRY.format(session.expiresAt()), policies, session.csrfToken()));
    }

    /**
     * The POST binding's form fields. Only a URL-encoded form is read (SAML bindings 3.5.4); anything else, or a body
     * the server cannot decode, counts as no SAML response rather than a server error.
     */
    private static Map<String, List<String>> form(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        try {
            return ctx.formParamMap();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void invalid(Context ctx, String detail) {
        views.html(ctx, 400, "awsemulator/signin/error.jte", new SigninErrorPage(Chrome.plain("aws", PRODUCT), true, detail));
    }

    /**
     * The console session length: the SessionDuration attribute (900–43200 s) or one hour, capped at the role's
     * MaxSessionDuration, since that limit is for API callers' DurationSeconds and must not refuse a console sign-in.
     */
    private String consoleDuration(String samlResponse, String roleArn) {
        int seconds = 3600;
        List<String> values = verifier.unverifiedAttributeValues(samlResponse, SESSION_DURATION);
        if (!values.isEmpty()) {
            try {
                int asked = Integer.parseInt(values.get(0).trim());
                if (asked >= 900 && asked <= 43200) {
                    seconds = asked;
                }
            } catch (NumberFormatException e) {
                // keep the default
            }
        }
        int max = iam.findRoleByArn(roleArn).map(IamRole::maxSessionDurationSeconds).orElse(seconds);
        return Integer.toString(Math.min(seconds, max));
    }

    /** A RelayState is followed only when it is a path on this site (no scheme, no {@code //} host). */
    static Optional<String> safeRelayState(String relayState) {
        if (relayState == null || relayState.length() > 2048 || !relayState.startsWith("/") || relayState.startsWith("//")
                || relayState.contains("\\") || relayState.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            return Optional.empty();
        }
        return Optional.of(relayState);
    }

    private static List<RoleChooserPage.AccountRoles> byAccount(List<RolePair> pairs) {
        Map<String, List<RoleChooserPage.RoleChoice>> grouped = new LinkedHashMap<>();
        for (RolePair p : pairs) {
            grouped.computeIfAbsent(p.accountId(), k -> new ArrayList<>()).add(new RoleChooserPage.RoleChoice(p.roleArn(), p.roleName()));
        }
        List<RoleChooserPage.AccountRoles> accounts = new ArrayList<>();
        grouped.forEach((account, roles) -> accounts.add(new RoleChooserPage.AccountRoles(account, roles)));
        return accounts;
    }
}
