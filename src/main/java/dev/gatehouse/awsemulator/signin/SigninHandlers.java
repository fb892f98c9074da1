package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.awsemulator.console.ConsoleChrome;
import dev.gatehouse.awsemulator.console.ConsoleRequest;
import dev.gatehouse.awsemulator.console.ConsoleSessions;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.policy.PolicyAuthorizer;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator;
import dev.gatehouse.awsemulator.sts.SessionCredentialStore;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.sts.ConsoleSignIn;
import dev.gatehouse.awsemulator.sts.IssuedSession;
import dev.gatehouse.awsemulator.sts.RolePair;
import dev.gatehouse.awsemulator.sts.SignInTrail;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulated {@code https://signin.aws.amazon.com/saml}: reads the IdP's POSTed {@code SAMLResponse}, asks
 * {@link ConsoleSignIn} what to do, and renders the role chooser or AWS's error page, or starts the federated
 * console session; and the console home page of that session. A cross-site POST from the IdP carries no CSRF
 * token by design: the signed assertion is the proof.
 */
public final class SigninHandlers {
    private static final String PRODUCT = ConsoleChrome.PRODUCT;
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ConsoleSignIn signIn;
    private final IamService iam;
    private final SessionCredentialStore stsSessions;
    private final PolicyAuthorizer authorizer;
    private final Views views;

    /**
     * @param stsSessions the STS sessions federated console sessions were made from
     * @param authorizer  judges a federated console session's pages as the IAM reads they perform
     */
    public SigninHandlers(ConsoleSignIn signIn, IamService iam, SessionCredentialStore stsSessions, PolicyAuthorizer authorizer,
                          Views views) {
        this.signIn = signIn;
        this.iam = iam;
        this.stsSessions = stsSessions;
        this.authorizer = authorizer;
        this.views = views;
    }

    /** {@code POST /saml}. */
    public void saml(Context ctx) {
        signIn(ctx, null);
    }

    /**
     * {@code POST /saml/acs/{idpId}}: a provider's own ACS URL, where AWS takes encrypted assertions (and, in
     * Required mode, only there); {@code idpId} is the provider's SAMLProviderUUID.
     */
    public void providerAcs(Context ctx) {
        String idpId = ctx.pathParam("idpId");
        // The IdP-ID's shape (IAM's privateKeyIdType); anything else cannot name a provider.
        signIn(ctx, idpId.matches("[A-Z0-9]{22,64}") ? idpId : "-");
    }

    private void signIn(Context ctx, String providerUuid) {
        Map<String, List<String>> form = form(ctx);
        String samlResponse = first(form, "SAMLResponse");
        String relayState = first(form, "RelayState");
        ConsoleSignIn.Outcome outcome = signIn.signIn(samlResponse, first(form, "roleIndex"),
                new SignInTrail.Client(ctx.ip(), ctx.userAgent()), safeRelayState(relayState).orElse("/console/home"), providerUuid);
        if (outcome instanceof ConsoleSignIn.InvalidResponse invalid) {
            views.html(ctx, 400, "awsemulator/signin/error.jte", new SigninErrorPage(Chrome.plain("aws", PRODUCT), true, invalid.detail()));
        } else if (outcome instanceof ConsoleSignIn.InvalidToken token) {
            views.html(ctx, 400, "awsemulator/signin/error.jte",
                    new SigninErrorPage(Chrome.plain("aws", PRODUCT), true, token.message(), token.heading()));
        } else if (outcome instanceof ConsoleSignIn.ChooseRole choose) {
            views.html(ctx, "awsemulator/signin/chooser.jte", new RoleChooserPage(Chrome.plain("aws", PRODUCT),
                    providerUuid == null ? "/saml" : "/saml/acs/" + providerUuid, samlResponse,
                    relayState == null ? "" : relayState, byAccount(choose.pairs())));
        } else if (outcome instanceof ConsoleSignIn.Refused refused) {
            views.html(ctx, refused.httpStatus(), "awsemulator/signin/error.jte",
                    new SigninErrorPage(Chrome.plain("aws", PRODUCT), false, refused.message()));
        } else {
            IssuedSession s = ((ConsoleSignIn.SignedIn) outcome).session();
            ConsoleRequest.START_SESSION.set(ctx, new ConsoleSessions.ConsoleSession(null, s.accountId(),
                    ConsoleSessions.Kind.FEDERATED, s.assumedRoleArn(), s.roleName(), s.sessionName(), s.sourceIdentity(),
                    s.sessionTags(), s.expiresAt(), null, s.accessKeyId()));
            ctx.redirect(destination(relayState), HttpStatus.SEE_OTHER);
        }
    }

    /**
     * Where a signed-in browser goes: a path of this site as given; an AWS console URL to the page that names it;
     * anything else is ignored for Console Home, since the emulator never redirects off-site.
     */
    static String destination(String relayState) {
        Optional<String> local = safeRelayState(relayState);
        if (local.isPresent()) {
            return local.get();
        }
        return ConsoleDestination.parse(relayState)
                .map(d -> "/console/destination?relayState=" + URLEncoder.encode(d.url(), StandardCharsets.UTF_8))
                .orElse("/console/home");
    }

    /** {@code GET /console/destination?relayState=…}: names the console page AWS would have opened. */
    public void destination(Context ctx) {
        ConsoleSessions.ConsoleSession session = ConsoleRequest.SESSION.require(ctx);
        Optional<ConsoleDestination> destination = ConsoleDestination.parse(ctx.queryParam("relayState"));
        if (destination.isEmpty()) {
            ctx.redirect("/console/home", HttpStatus.SEE_OTHER);
            return;
        }
        String who = session.isRoot() ? "Root user" : session.roleName() + "/" + session.sessionName();
        Chrome chrome = new Chrome("aws", PRODUCT, List.of(), who, "/console/logout", session.csrfToken());
        views.html(ctx, "awsemulator/signin/destination.jte", new ConsoleDestinationPage(chrome, destination.get(), session.principalArn()));
    }

    /**
     * {@code GET /console/home}. A federated session's home lists its role's attached policies, the IAM read
     * {@code iam:ListAttachedRolePolicies} on its role, judged with the session's own credentials as the real
     * console's call would be: an explicit Deny (a revocation, say) refuses the page with AWS's text. Without an
     * Allow the list is still shown, so that a role without IAM rights still sees where it signed in.
     */
    public void home(Context ctx) {
        ConsoleSessions.ConsoleSession session = ConsoleRequest.SESSION.require(ctx);
        if (!session.isRoot() && session.accessKeyId() != null) {
            Optional<CallerIdentity> caller = stsSessions.caller(session.accessKeyId()).map(c -> c.onRequest(ctx.ip(), "us-east-1"));
            if (caller.isPresent() && caller.get().session() != null && caller.get().session().roleArn() != null) {
                String roleArn = caller.get().session().roleArn();
                PolicyEvaluator.Result verdict = authorizer.decide(caller.get(), "iam:ListAttachedRolePolicies", roleArn);
                if (verdict.decision() == PolicyEvaluator.Decision.EXPLICIT_DENY) {
                    throw AwsError.accessDenied(PolicyAuthorizer.denial(session.principalArn(), "iam:ListAttachedRolePolicies",
                            roleArn, verdict));
                }
            }
        }
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
                session.sourceIdentity(), session.sessionTags(), EXPIRY.format(session.expiresAt()), policies, session.csrfToken()));
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
