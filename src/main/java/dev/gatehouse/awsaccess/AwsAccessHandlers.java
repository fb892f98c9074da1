package dev.gatehouse.awsaccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.idp.Authentication;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's API, called with its access token: {@code GET /api/me/aws-roles} and
 * {@code POST /api/me/aws-assertion}. Answers are never cached: they carry a bearer assertion.
 */
public final class AwsAccessHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsAssertions assertions;
    private final Clock clock;

    public AwsAccessHandlers(AwsAssertions assertions, Clock clock) {
        this.assertions = assertions;
        this.clock = clock;
    }

    /** GET /api/me/aws-roles. */
    public void roles(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        List<Map<String, Object>> roles = assertions.roles(p.userId()).stream().map(AwsAccessHandlers::describe).toList();
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("roles", roles));
    }

    /** POST /api/me/aws-assertion with {"appId","accountId","roleName"}. */
    public void assertion(Context ctx) {
        Principal p = WebSecurity.requirePrincipal(ctx);
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException | RuntimeException e) {
            throw HttpError.badRequest("The body must be JSON: {\"appId\", \"accountId\", \"roleName\"}.");
        }
        String appId = text(body, "appId", false);
        String accountId = text(body, "accountId", true);
        String roleName = text(body, "roleName", true);
        Authentication authentication = new Authentication(p.authenticatedAt() != null ? p.authenticatedAt() : clock.instant(),
                p.authnContextClassRef() != null ? p.authnContextClassRef() : SamlNames.AC_PASSWORD_PROTECTED);
        AwsAssertions.Signed signed;
        try {
            signed = assertions.sign(p.userId(), p.userName(), authentication, appId, accountId, roleName);
        } catch (AwsAssertions.NotEntitledException e) {
            throw new HttpError(403, e.getMessage());
        }
        Map<String, Object> answer = describe(signed.role());
        answer.put("samlResponse", signed.samlResponse());
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    static Map<String, Object> describe(AwsRole r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appId", r.appId());
        m.put("appName", r.appName());
        m.put("accountId", r.accountId());
        m.put("roleName", r.roleName());
        m.put("roleArn", r.roleArn());
        m.put("providerArn", r.providerArn());
        m.put("stsEndpoint", r.stsEndpoint());
        m.put("sessionDurationSeconds", r.sessionDurationSeconds());
        m.put("profile", r.profileName());
        return m;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw HttpError.badRequest("\"" + field + "\" is required.");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > 200) {
            throw HttpError.badRequest("\"" + field + "\" must be a non-empty string.");
        }
        return node.asText();
    }
}
