package dev.gatehouse.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SaaS tenant's SCIM API, as small as a SaaS application's often is: users only, a bearer token, lookup by
 * {@code userName eq "…"}, create, replace and {@code active} by PATCH. An account is keyed by the user's primary
 * email, the NameID the tenant expects; deactivated accounts stay but may not sign in.
 */
final class TestScimEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_NAME_EQ = Pattern.compile("userName eq \"([^\"]*)\"");

    private record ScimUser(String id, String userName, String subject) {
    }

    private final String token;
    private final Map<String, TestServiceProvider.Account> accounts;
    private final Map<String, ScimUser> users = new ConcurrentHashMap<>();
    private final Set<String> deactivated = ConcurrentHashMap.newKeySet();

    TestScimEndpoint(String token, Map<String, TestServiceProvider.Account> accounts) {
        this.token = token;
        this.accounts = accounts;
    }

    String token() {
        return token;
    }

    boolean deactivated(String subject) {
        return deactivated.contains(subject);
    }

    void list(Context ctx) {
        if (!authorized(ctx)) {
            return;
        }
        Matcher m = USER_NAME_EQ.matcher(ctx.queryParam("filter") == null ? "" : ctx.queryParam("filter"));
        ObjectNode out = JSON.createObjectNode();
        out.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        var resources = out.putArray("Resources");
        users.values().stream().filter(u -> !m.matches() || u.userName().equalsIgnoreCase(m.group(1)))
                .forEach(u -> resources.add(json(u)));
        out.put("totalResults", resources.size());
        send(ctx, 200, out);
    }

    void create(Context ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        ScimUser user = new ScimUser(UUID.randomUUID().toString(), body.path("userName").asText(), body.at("/emails/0/value").asText());
        users.put(user.id(), user);
        store(user, body);
        send(ctx, 201, json(user));
    }

    void replace(Context ctx) {
        JsonNode body = body(ctx);
        ScimUser current = users.get(ctx.pathParam("id"));
        if (body == null) {
            return;
        }
        if (current == null) {
            send(ctx, 404, JSON.createObjectNode().put("detail", "No such user."));
            return;
        }
        ScimUser user = new ScimUser(current.id(), body.path("userName").asText(), body.at("/emails/0/value").asText());
        users.put(user.id(), user);
        store(user, body);
        send(ctx, 200, json(user));
    }

    void patch(Context ctx) {
        JsonNode body = body(ctx);
        ScimUser user = users.get(ctx.pathParam("id"));
        if (body == null) {
            return;
        }
        if (user == null) {
            send(ctx, 404, JSON.createObjectNode().put("detail", "No such user."));
            return;
        }
        for (JsonNode op : body.path("Operations")) {
            if (op.path("path").asText().equals("active")) {
                setActive(user.subject(), op.path("value").asBoolean());
            }
        }
        send(ctx, 200, json(user));
    }

    private void store(ScimUser user, JsonNode body) {
        accounts.put(user.subject(), new TestServiceProvider.Account(user.subject(), user.subject(),
                body.at("/name/givenName").asText(null), body.at("/name/familyName").asText(null)));
        setActive(user.subject(), body.path("active").asBoolean(true));
    }

    private void setActive(String subject, boolean active) {
        if (active) {
            deactivated.remove(subject);
        } else {
            deactivated.add(subject);
        }
    }

    private ObjectNode json(ScimUser u) {
        ObjectNode out = JSON.createObjectNode().put("id", u.id()).put("userName", u.userName());
        out.putArray("emails").addObject().put("value", u.subject()).put("primary", true);
        out.put("active", !deactivated.contains(u.subject()));
        return out;
    }

    private JsonNode body(Context ctx) {
        if (!authorized(ctx)) {
            return null;
        }
        try {
            return JSON.readTree(ctx.body());
        } catch (IOException e) {
            send(ctx, 400, JSON.createObjectNode().put("detail", "Not JSON."));
            return null;
        }
    }

    private boolean authorized(Context ctx) {
        if (!("Bearer " + token).equals(ctx.header("Authorization"))) {
            send(ctx, 401, JSON.createObjectNode().put("detail", "Bad token."));
            return false;
        }
        return true;
    }

    private static void send(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/scim+json").result(body.toString());
    }
}
