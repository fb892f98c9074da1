package dev.gatehouse.awsaccess;

import dev.gatehouse.idp.Authentication;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.time.Clock;

/** {@code GET /aws/access} and {@code POST /aws/access/keys}: the portal's access keys for the user's AWS roles. */
public final class AccessKeysHandlers {
    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final AwsAssertions assertions;
    private final PortalAccessKeys keys;
    private final Clock clock;
    private final String baseUrl;

    public AccessKeysHandlers(Views views, WebSecurity security, ProductChrome chrome, AwsAssertions assertions,
                              PortalAccessKeys keys, Clock clock, String baseUrl) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.assertions = assertions;
        this.keys = keys;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** GET /aws/access. */
    public void page(Context ctx) {
        show(ctx, 200, null, null);
    }

    /** POST /aws/access/keys with appId, accountId, roleName. */
    public void issue(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        String appId = field(ctx, "appId");
        String accountId = field(ctx, "accountId");
        String roleName = field(ctx, "roleName");
        Authentication authentication = new Authentication(p.authenticatedAt() != null ? p.authenticatedAt() : clock.instant(),
                p.authnContextClassRef() != null ? p.authnContextClassRef() : SamlNames.AC_PASSWORD_PROTECTED);
        PortalAccessKeys.Issued issued;
        try {
            issued = keys.issue(p.userId(), p.userName(), authentication, appId, accountId, roleName);
        } catch (AwsAssertions.NotEntitledException e) {
            show(ctx, 403, null, e.getMessage());
            return;
        } catch (StsExchange.StsException e) {
            show(ctx, 502, null, e.getMessage());
            return;
        }
        show(ctx, 200, shapes(issued), null);
    }

    private void show(Context ctx, int status, AccessKeysPage.Keys shown, String error) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        views.html(ctx, status, "awsaccess/keys.jte", new AccessKeysPage(chrome.of(ctx), security.csrfToken(ctx),
                assertions.roles(p.userId()), shown, error, baseUrl));
    }

    static AccessKeysPage.Keys shapes(PortalAccessKeys.Issued issued) {
        StsExchange.Credentials c = issued.credentials();
        String bash = "export AWS_ACCESS_KEY_ID=\"" + c.accessKeyId() + "\"\nexport AWS_SECRET_ACCESS_KEY=\"" + c.secretAccessKey()
                + "\"\nexport AWS_SESSION_TOKEN=\"" + c.sessionToken() + "\"";
        String powershell = "$Env:AWS_ACCESS_KEY_ID=\"" + c.accessKeyId() + "\"\n$Env:AWS_SECRET_ACCESS_KEY=\"" + c.secretAccessKey()
                + "\"\n$Env:AWS_SESSION_TOKEN=\"" + c.sessionToken() + "\"";
        String file = "[" + issued.role().profileName() + "]\naws_access_key_id=" + c.accessKeyId() + "\naws_secret_access_key="
                + c.secretAccessKey() + "\naws_session_token=" + c.sessionToken();
        return new AccessKeysPage.Keys(issued.role(), c.expiration().toString(), bash, powershell, file);
    }

    private static String field(Context ctx, String name) {
        String v;
        try {
            v = ctx.formParam(name);
        } catch (RuntimeException e) {
            throw HttpError.badRequest("The form data could not be read.");
        }
        if (v == null || v.isBlank() || v.length() > 200) {
            throw HttpError.badRequest("Choose a role from the list.");
        }
        return v;
    }
}
