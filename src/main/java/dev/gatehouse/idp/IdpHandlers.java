package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.AwsAccountCatalogTemplate;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.samlxml.RedirectBinding;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.web.WebServer;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The identity provider's HTTP endpoints: per-application metadata, portal launches (IdP-initiated SSO) and
 * the SingleSignOnService for AuthnRequests (SP-initiated SSO), all answering with the POST binding page.
 */
public final class IdpHandlers {
    private final SingleSignOn sso;
    private final Applications apps;
    private final SigningKeyStore keys;
    private final ActiveUsers users;
    private final Views views;
    private final String baseUrl;
    private final Clock clock;
    private final RandomIds ids;

    public IdpHandlers(SingleSignOn sso, Applications apps, SigningKeyStore keys, ActiveUsers users, Views views,
                       String baseUrl, Clock clock, RandomIds ids) {
        this.sso = sso;
        this.apps = apps;
        this.keys = keys;
        this.users = users;
        this.views = views;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.ids = ids;
    }

    /** GET /api/apps/{id}/saml-metadata: public, as metadata is meant to be. */
    public void metadata(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        String xml = IdpMetadata.build(app, keys.publishedKeys(app.id()), ssoUrl(app.id()));
        if (ctx.queryParam("download") != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(app) + "\"");
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/samlmetadata+xml; charset=utf-8").result(xml);
    }

    /** GET /launch/{appId}: the signed-in user opens an application from the portal. */
    public void launch(Context ctx) {
        UserClaims user = currentUser(ctx);
        if (apps.findRecent(ctx.pathParam("appId")).template() instanceof AwsAccountCatalogTemplate) {
            ctx.redirect("/aws-accounts", io.javalin.http.HttpStatus.SEE_OTHER); // one tile per (account, role) there
            return;
        }
        respond(ctx, () -> sso.launch(ctx.pathParam("appId"), user, authentication(ctx), null, null));
    }

    /** GET /launch/{appId}/{accountId}/{roleName}: one (account, role) pair of an AWS accounts catalog; bookmarkable. */
    public void launchRole(Context ctx) {
        UserClaims user = currentUser(ctx);
        respond(ctx, () -> sso.launchRole(ctx.pathParam("appId"), ctx.pathParam("accountId"), ctx.pathParam("roleName"),
                user, authentication(ctx)));
    }

    /** GET or POST /saml/sso/{appId}: an AuthnRequest from a service provider. */
    public void singleSignOnService(Context ctx) {
        App app = apps.find(ctx.pathParam("appId"));
        Optional<String> spInitiatedRefusal = app.template().spInitiatedRefusal(app);
        if (spInitiatedRefusal.isPresent()) {
            refuse(ctx, 400, "SP-initiated sign-in is not supported", spInitiatedRefusal.get());
            return;
        }
        boolean post = ctx.method() == HandlerType.POST;
        String encoded = post ? ctx.formParam("SAMLRequest") : ctx.queryParam("SAMLRequest");
        String relayState = post ? ctx.formParam("RelayState") : ctx.queryParam("RelayState");
        if (encoded == null || encoded.isBlank()) {
            refuse(ctx, 400, "No sign-in request", "This address expects a SAML AuthnRequest in the SAMLRequest parameter.");
            return;
        }
        if (relayState != null && relayState.length() > 1024) {
            refuse(ctx, 400, "Sign-in request refused", "RelayState is limited to 1024 characters.");
            return;
        }
        AuthnRequestReader.AuthnRequest request;
        try {
            byte[] xml = post ? Base64.getMimeDecoder().decode(encoded) : RedirectBinding.decode(encoded);
            request = AuthnRequestReader.read(xml);
        } catch (IllegalArgumentException e) {
            refuse(ctx, 400, "Sign-in request refused", "The SAML AuthnRequest could not be read: " + e.getMessage());
            return;
        }
        try {
            sso.acceptAuthnRequest(app.id(), request, ssoUrl(app.id()));
        } catch (SignInRefusedException e) {
            refuse(ctx, e.status(), "Sign-in request refused", e.getMessage());
            return;
        }
        if (WebSecurity.principal(ctx).isEmpty()) {
            // Sign in first, then come back here: the request travels as a Redirect-binding URL so it survives.
            String resume = "/saml/sso/" + app.id() + "?SAMLRequest=" + url(post ? RedirectBinding.encode(
                    new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8)) : encoded)
                    + (relayState != null ? "&RelayState=" + url(relayState) : "");
            throw new WebSecurity.Redirect("/?next=" + url(resume));
        }
        UserClaims user = currentUser(ctx);
        respond(ctx, () -> sso.launch(app.id(), user, authentication(ctx), request.id(), relayState));
    }

    private void respond(Context ctx, java.util.function.Supplier<SingleSignOn.Launch> launch) {
        SingleSignOn.Launch l;
        try {
            l = launch.get();
        } catch (SignInRefusedException e) {
            refuse(ctx, e.status(), "Sign-in could not continue", e.getMessage());
            return;
        }
        String nonce = ids.base64(16);
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'nonce-" + nonce
                + "'; form-action " + origin(l.acsUrl()) + "; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        views.html(ctx, "idp/post.jte", new PostBinding(l.acsUrl(), l.samlResponse(), l.relayState(),
                l.app().displayName(), nonce));
    }

    /**
     * How and when the session's user signed in: AuthnInstant is when the user signed in, not when the assertion is
     * made (SAML Core §2.7.2), and the context class says which factors they used.
     */
    private Authentication authentication(Context ctx) {
        Principal principal = WebSecurity.requirePrincipal(ctx);
        return new Authentication(principal.authenticatedAt() != null ? principal.authenticatedAt() : clock.instant(),
                principal.authnContextClassRef() != null ? principal.authnContextClassRef() : SamlNames.AC_PASSWORD_PROTECTED);
    }

    private UserClaims currentUser(Context ctx) {
        Principal principal = WebSecurity.requirePrincipal(ctx);
        return users.claims(principal.userId()).orElseThrow(() -> new HttpError(403, "Your account is not active."));
    }

    private void refuse(Context ctx, int status, String title, String message) {
        WebServer.errorPage(views, ctx, status, title, message);
    }

    private String ssoUrl(String appId) {
        return baseUrl + "/saml/sso/" + appId;
    }

    private static String fileName(App app) {
        String slug = app.displayName().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (slug.isEmpty() ? "app" : slug) + "-" + app.id() + "-metadata.xml";
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
