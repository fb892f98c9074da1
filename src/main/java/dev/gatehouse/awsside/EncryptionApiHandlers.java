package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.keys.EncryptionCertificates.EncryptionCertificate;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.web.WebServer;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON API of encrypted assertions: {@code GET/PUT/DELETE /api/apps/{id}/aws-encryption}. PUT takes
 * {@code {"certificatePem": "…"}} (upload) or {@code {"generate": true, "mode": "Required"|"Allowed"}} (make a key
 * pair and push its private key through the connection).
 */
public final class EncryptionApiHandlers {
    private final AwsSide side;
    private final AssertionEncryption encryption;

    public EncryptionApiHandlers(AwsSide side, AssertionEncryption encryption) {
        this.side = side;
        this.encryption = encryption;
    }

    /** GET: the certificate and where it came from, or 404 when assertions are not encrypted. */
    public void get(Context ctx) {
        String appId = appId(ctx);
        ctx.json(json(encryption.current(appId).orElseThrow(() -> HttpError.notFound("Assertions of " + appId + " are not encrypted."))));
    }

    public void put(Context ctx) {
        String appId = appId(ctx);
        JsonNode body;
        try {
            body = WebServer.JSON.readTree(ctx.body());
        } catch (java.io.IOException | RuntimeException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw HttpError.badRequest("The body must be a JSON object: {\"certificatePem\": \"…\"} or {\"generate\": true, \"mode\": \"Required\"}.");
        }
        try {
            EncryptionCertificate result = body.path("generate").asBoolean(false)
                    ? encryption.generateAndPush(WebSecurity.actor(ctx), appId, body.path("mode").asText(""))
                    : encryption.upload(WebSecurity.actor(ctx), appId, body.path("certificatePem").isTextual() ? body.path("certificatePem").asText() : null);
            ctx.json(json(result));
        } catch (AssertionEncryption.Refused e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    public void delete(Context ctx) {
        String appId = appId(ctx);
        if (encryption.current(appId).isEmpty()) {
            throw HttpError.notFound("Assertions of " + appId + " are not encrypted.");
        }
        try {
            encryption.remove(WebSecurity.actor(ctx), appId);
        } catch (AssertionEncryption.Refused e) {
            throw new HttpError(409, e.getMessage()); // AWS would not take plaintext again: encryption stays on
        }
        ctx.status(204);
    }

    private String appId(Context ctx) {
        try {
            return side.awsApp(ctx.pathParam("id")).id();
        } catch (java.util.NoSuchElementException e) {
            throw HttpError.notFound(e.getMessage());
        } catch (AwsSide.NoTarget e) {
            throw new HttpError(409, e.getMessage());
        }
    }

    private static Map<String, Object> json(EncryptionCertificate c) {
        Map<String, Object> out = new LinkedHashMap<>(AssertionEncryption.summary(c));
        out.put("certificatePem", c.pem());
        return out;
    }
}
