package dev.gatehouse.devicelogin;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth endpoints the command line calls: device authorization (RFC 8628 §3.1), the token endpoint for the
 * device_code and refresh_token grants, and token revocation (RFC 7009). Answers are JSON and never cached
 * (RFC 6749 §5.1); errors use RFC 6749 §5.2's shape and statuses.
 */
public final class OAuthHandlers {
    private final DeviceGrants grants;
    private final DeviceTokens tokens;
    private final String baseUrl;

    public OAuthHandlers(DeviceGrants grants, DeviceTokens tokens, String baseUrl) {
        this.grants = grants;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    /** POST /oauth2/device_authorization. */
    public void deviceAuthorization(Context ctx) {
        answer(ctx, () -> {
            DeviceGrants.Authorization a = grants.authorize(form(ctx, "client_id"), ctx.ip(), ctx.userAgent());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("device_code", a.deviceCode());
            body.put("user_code", a.userCode());
            body.put("verification_uri", baseUrl + "/device");
            body.put("verification_uri_complete", baseUrl + "/device?user_code=" + a.userCode());
            body.put("expires_in", a.expiresIn());
            body.put("interval", a.interval());
            return body;
        });
    }

    /** POST /oauth2/token. */
    public void token(Context ctx) {
        answer(ctx, () -> {
            String grantType = form(ctx, "grant_type");
            String clientId = form(ctx, "client_id");
            DeviceTokens.Issued issued;
            if (DeviceCodes.DEVICE_CODE_GRANT.equals(grantType)) {
                issued = grants.exchange(clientId, form(ctx, "device_code"), ctx.ip(), ctx.userAgent());
            } else if ("refresh_token".equals(grantType)) {
                DeviceGrants.requireClient(clientId);
                issued = tokens.refresh(clientId, form(ctx, "refresh_token"), ctx.ip(), ctx.userAgent());
            } else if (grantType == null || grantType.isEmpty()) {
                throw new OAuthError(400, "invalid_request", "grant_type is required.");
            } else {
                throw new OAuthError(400, "unsupported_grant_type", "This server takes the device_code and refresh_token grants.");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", issued.expiresIn());
            body.put("refresh_token", issued.refreshToken());
            return body;
        });
    }

    /** POST /oauth2/revoke: 200 whether or not the token was known (RFC 7009 §2.2). */
    public void revoke(Context ctx) {
        answer(ctx, () -> {
            String clientId = form(ctx, "client_id");
            DeviceGrants.requireClient(clientId);
            tokens.revokeByToken(clientId, form(ctx, "token"));
            return Map.of();
        });
    }

    private interface Answer {
        Map<String, Object> get();
    }

    private static void answer(Context ctx, Answer answer) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        try {
            ctx.json(answer.get());
        } catch (OAuthError e) {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Basic realm=\"gatehouse\"");
            }
            ctx.status(e.status()).json(Map.of("error", e.error(), "error_description", e.getMessage()));
        }
    }

    private static String form(Context ctx, String name) {
        String type = ctx.contentType();
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            throw new OAuthError(400, "invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
        }
        try {
            return ctx.formParam(name);
        } catch (RuntimeException e) {
            throw new OAuthError(400, "invalid_request", "The form data could not be read.");
        }
    }
}
