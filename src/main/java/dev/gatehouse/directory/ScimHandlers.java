package dev.gatehouse.directory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;


/**
 * The SCIM 2.0 API (RFC 7644) over HTTP: {@code /scim/v2/Users} and {@code /scim/v2/Groups}. Reads the request,
 * calls {@link Directory}, writes {@code application/scim+json}; every refusal is answered in SCIM's error
 * schema with a {@code scimType} where the RFC names one. Thread-safe.
 */
public final class ScimHandlers {
    static final String CONTENT_TYPE = "application/scim+json";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** SCIM bodies are small; anything bigger is a mistake or an attack. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Directory directory;
    private final ScimJson scim;
    private final ScimDiscovery discovery;

    /** @param baseUrl the public URL of the identity center, for {@code meta.location} */
    public ScimHandlers(Directory directory, String baseUrl) {
        this.directory = directory;
        this.scim = new ScimJson(JSON, baseUrl + "/scim/v2", id -> directory.users().find(id)
                .map(u -> u.displayName() != null ? u.displayName() : u.userName()).orElse(null));
        this.discovery = new ScimDiscovery(JSON, baseUrl + "/scim/v2");
    }

    /** {@code GET /scim/v2/ServiceProviderConfig}: what this server supports (RFC 7644 §4). */
    public void serviceProviderConfig(Context ctx) {
        respond(ctx, () -> send(ctx, 200, discovery.serviceProviderConfig(), null));
    }

    public void resourceTypes(Context ctx) {
        respond(ctx, () -> send(ctx, 200, discovery.resourceTypes(), null));
    }

    public void resourceType(Context ctx) {
        respond(ctx, () -> send(ctx, 200, discovery.resourceType(ctx.pathParam("name")).orElseThrow(
                () -> new ScimException(404, null, "There is no resource type " + ctx.pathParam("name") + "; there are User and Group.")), null));
    }

    public void schemas(Context ctx) {
        respond(ctx, () -> send(ctx, 200, discovery.schemas(), null));
    }

    public void schema(Context ctx) {
        respond(ctx, () -> send(ctx, 200, discovery.schema(ctx.pathParam("id")).orElseThrow(
                () -> new ScimException(404, null, "There is no schema " + ctx.pathParam("id") + ".")), null));
    }

    /** A SCIM action; any {@link ScimException} or {@link DirectoryException} becomes a SCIM error. */
    @FunctionalInterface
    private interface Action {
        void run();
    }

    public void createUser(Context ctx) {
        respond(ctx, () -> {
            ScimUserEdit edit = scim.userResource(body(ctx));
            User user = directory.createUser(WebSecurity.actor(ctx), edit.draft(), edit.password, edit.externalId);
            ctx.header("Location", scim.userLocation(user.id()));
            send(ctx, 201, scim.user(user), user.version());
        });
    }

    public void getUser(Context ctx) {
        respond(ctx, () -> {
            ScimProjection projection = projection(ctx);
            User user = user(ctx.pathParam("id"));
            if (notModified(ctx, user.version())) {
                return;
            }
            send(ctx, 200, projection.apply(scim.user(user)), user.version());
        });
    }

    public void listUsers(Context ctx) {
        respond(ctx, () -> {
            ListQuery.Where filter = ScimFilter.users(ctx.queryParam("filter"));
            ScimProjection projection = projection(ctx);
            ResultPage<User> page = directory.users().list(query(ctx, filter, ScimFilter.userOrder(ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"))));
            send(ctx, 200, scim.list(page, user -> projection.apply(scim.user(user))), null);
        });
    }

    public void replaceUser(Context ctx) {
        respond(ctx, () -> {
            User current = user(ctx.pathParam("id"));
            ScimUserEdit edit = scim.userResource(body(ctx));
            User user = directory.replaceUser(WebSecurity.actor(ctx), current.id(), edit.draft(), edit.password, ifMatch(ctx),
                    callerSession(ctx), edit.externalId);
            send(ctx, 200, scim.user(user), user.version());
        });
    }

    public void patchUser(Context ctx) {
        respond(ctx, () -> {
            User current = user(ctx.pathParam("id"));
            JsonNode body = body(ctx);
            ScimUserEdit edit = ScimUserEdit.of(current);
            scim.patch(body, edit);
            Integer version = ifMatch(ctx);
            User user = directory.replaceUser(WebSecurity.actor(ctx), current.id(), edit.draft(), edit.password,
                    version != null ? version : current.version(), callerSession(ctx), edit.externalId);
            send(ctx, 200, scim.user(user), user.version());
        });
    }

    public void deleteUser(Context ctx) {
        respond(ctx, () -> {
            User current = user(ctx.pathParam("id"));
            checkVersion(ctx, current.version());
            directory.deleteUser(WebSecurity.actor(ctx), current.id());
            ctx.status(204);
        });
    }

    public void createGroup(Context ctx) {
        respond(ctx, () -> {
            ScimGroupEdit edit = scim.groupResource(body(ctx));
            Group group = directory.createGroup(WebSecurity.actor(ctx), edit.displayName, edit.members, edit.externalId);
            ctx.header("Location", scim.groupLocation(group.id()));
            send(ctx, 201, scim.group(group, true), group.version());
        });
    }

    public void getGroup(Context ctx) {
        respond(ctx, () -> {
            ScimProjection projection = projection(ctx);
            Group group = group(ctx.pathParam("id"));
            if (notModified(ctx, group.version())) {
                return;
            }
            send(ctx, 200, projection.apply(scim.group(group, !projection.excludes("members"))), group.version());
        });
    }

    public void listGroups(Context ctx) {
        respond(ctx, () -> {
            ListQuery.Where filter = ScimFilter.groups(ctx.queryParam("filter"));
            ScimProjection projection = projection(ctx);
            ResultPage<Group> page = directory.groups().list(query(ctx, filter, ScimFilter.groupOrder(ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"))));
            boolean members = !projection.excludes("members");
            send(ctx, 200, scim.list(page, group -> projection.apply(scim.group(group, members))), null);
        });
    }

    public void replaceGroup(Context ctx) {
        respond(ctx, () -> {
            Group current = group(ctx.pathParam("id"));
            ScimGroupEdit edit = scim.groupResource(body(ctx));
            Group group = directory.replaceGroup(WebSecurity.actor(ctx), current.id(), edit.displayName, edit.members, ifMatch(ctx), edit.externalId);
            send(ctx, 200, scim.group(group, true), group.version());
        });
    }

    public void patchGroup(Context ctx) {
        respond(ctx, () -> {
            Group current = group(ctx.pathParam("id"));
            JsonNode body = body(ctx);
            ScimGroupEdit edit = ScimGroupEdit.of(current);
            scim.patch(body, edit);
            Integer version = ifMatch(ctx);
            Group group = directory.replaceGroup(WebSecurity.actor(ctx), current.id(), edit.displayName, edit.members,
                    version != null ? version : current.version(), edit.externalId);
            send(ctx, 200, scim.group(group, true), group.version());
        });
    }

    public void deleteGroup(Context ctx) {
        respond(ctx, () -> {
            Group current = group(ctx.pathParam("id"));
            checkVersion(ctx, current.version());
            directory.deleteGroup(WebSecurity.actor(ctx), current.id());
            ctx.status(204);
        });
    }

    private void respond(Context ctx, Action action) {
        try {
            action.run();
        } catch (ScimException e) {
            error(ctx, e.status(), e.scimType(), e.getMessage());
        } catch (DirectoryException e) {
            ScimException scimError = ScimException.of(e);
            error(ctx, scimError.status(), scimError.scimType(), scimError.getMessage());
        }
    }

    private static void error(Context ctx, int status, String scimType, String detail) {
        ObjectNode out = JSON.createObjectNode();
        out.putArray("schemas").add(ERROR_SCHEMA);
        out.put("status", String.valueOf(status));
        if (scimType != null) {
            out.put("scimType", scimType);
        }
        out.put("detail", detail);
        ctx.status(status).contentType(CONTENT_TYPE).result(out.toString());
    }

    private static void send(Context ctx, int status, ObjectNode body, Integer version) {
        if (version != null) {
            ctx.header("ETag", ScimJson.etag(version));
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
    }

    private User user(String id) {
        return directory.users().find(id).orElseThrow(() -> new ScimException(404, null, "There is no user with id " + id + "."));
    }

    private Group group(String id) {
        return directory.groups().find(id).orElseThrow(() -> new ScimException(404, null, "There is no group with id " + id + "."));
    }


    /** The request body as JSON, refusing other media types, oversized bodies and malformed JSON. */
    private static JsonNode body(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !(type.startsWith(CONTENT_TYPE) || type.startsWith("application/json"))) {
            throw new ScimException(415, null, "Send the body as application/scim+json (or application/json).");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw ScimException.invalidSyntax("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
        }
        if (bytes.length == 0) {
            throw ScimException.invalidSyntax("The request body is empty.");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ScimException.invalidSyntax("The request body could not be read.");
        }
    }

    private static ListQuery query(Context ctx, ListQuery.Where filter, String orderBy) {
        int startIndex = intParam(ctx, "startIndex", 1);
        int count = intParam(ctx, "count", ListQuery.MAX_COUNT);
        return new ListQuery(filter, orderBy, startIndex, count);
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer.");
        }
    }

    private static ScimProjection projection(Context ctx) {
        return ScimProjection.of(ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"));
    }

    /** The caller's session when SCIM is called from the console (kept by its own password change), else null. */
    private static String callerSession(Context ctx) {
        return WebSecurity.principal(ctx).map(Principal::sessionId).orElse(null);
    }

    /** {@code If-None-Match} naming the current version: 304 with the ETag and no body. */
    private static boolean notModified(Context ctx, int current) {
        if (!ScimPreconditions.noneMatch(ctx.header("If-None-Match"), current)) {
            return false;
        }
        ctx.header("ETag", ScimJson.etag(current)).status(304);
        return true;
    }

    private static Integer ifMatch(Context ctx) {
        return ScimPreconditions.ifMatch(ctx.header("If-Match"));
    }

    private static void checkVersion(Context ctx, int current) {
        ScimPreconditions.check(ctx.header("If-Match"), current);
    }
}
