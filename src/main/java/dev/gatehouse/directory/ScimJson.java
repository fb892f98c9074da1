package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * SCIM 2.0 resources as JSON (RFC 7643 §4): users and groups out, with {@code meta}; resource bodies and
 * {@code PatchOp} messages in. {@code password} is read from requests and never written to a response.
 */
final class ScimJson {
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int MAX_OPERATIONS = 100;

    private final ObjectMapper json;
    /** The API root, e.g. {@code https://id.example.com/scim/v2}, for {@code meta.location}. */
    private final String scimBase;
    /** A manager's display name by their user id, or {@code null} when there is no such user. */
    private final Function<String, String> managerNames;

    ScimJson(ObjectMapper json, String scimBase, Function<String, String> managerNames) {
        this.json = json;
        this.scimBase = scimBase;
        this.managerNames = managerNames;
    }

    String userLocation(String id) {
        return scimBase + "/Users/" + id;
    }

    String groupLocation(String id) {
        return scimBase + "/Groups/" + id;
    }

    ObjectNode user(User user) {
        ObjectNode out = json.createObjectNode();
        ArrayNode schemas = out.putArray("schemas").add(ScimUserEdit.CORE).add(ScimUserEdit.EXTENSION);
        out.put("id", user.id());
        putIfSet(out, "externalId", user.externalId());
        out.put("userName", user.userName());
        ObjectNode name = json.createObjectNode();
        putIfSet(name, "givenName", user.givenName());
        putIfSet(name, "familyName", user.familyName());
        putIfSet(name, "formatted", user.formattedName());
        if (!name.isEmpty()) {
            out.set("name", name);
        }
        putIfSet(out, "displayName", user.displayName());
        if (user.email() != null) {
            out.putArray("emails").addObject().put("value", user.email()).put("type", "work").put("primary", true);
        }
        out.put("active", user.active());
        putIfSet(out, "locale", user.locale());
        out.putObject(ScimUserEdit.EXTENSION).put("admin", user.admin());
        ObjectNode enterprise = ScimEnterprise.json(json.createObjectNode(), user.enterprise(),
                user.enterprise().managerId() == null ? null : userLocation(user.enterprise().managerId()), managerNames);
        if (enterprise != null) {
            schemas.add(ScimUserEdit.ENTERPRISE);
            out.set(ScimUserEdit.ENTERPRISE, enterprise);
        }
        out.set("meta", meta("User", user.createdAt(), user.updatedAt(), userLocation(user.id()), user.version()));
        return out;
    }

    ObjectNode group(Group group, boolean withMembers) {
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(ScimGroupEdit.CORE);
        out.put("id", group.id());
        putIfSet(out, "externalId", group.externalId());
        out.put("displayName", group.displayName());
        if (withMembers) {
            ArrayNode members = out.putArray("members");
            for (Group.Member member : group.members()) {
                members.addObject().put("value", member.userId()).put("display", member.userName())
                        .put("type", "User").put("$ref", userLocation(member.userId()));
            }
        }
        out.set("meta", meta("Group", group.createdAt(), group.updatedAt(), groupLocation(group.id()), group.version()));
        return out;
    }

    <T> ObjectNode list(ResultPage<T> page, Function<T, ObjectNode> render) {
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(LIST_RESPONSE);
        out.put("totalResults", page.totalResults());
        out.put("itemsPerPage", page.items().size());
        out.put("startIndex", page.startIndex());
        ArrayNode resources = out.putArray("Resources");
        page.items().forEach(item -> resources.add(render.apply(item)));
        return out;
    }

    static String etag(int version) {
        return "W/\"" + version + "\"";
    }

    /** A POST or PUT body: every attribute is set on a blank user. */
    ScimUserEdit userResource(JsonNode body) {
        requireSchema(body, ScimUserEdit.CORE);
        ScimUserEdit edit = ScimUserEdit.blank();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            edit.set(ScimUserEdit.normalize(field.getKey()), field.getValue(), true);
        }
        if (edit.userName == null) {
            throw ScimException.invalidValue("userName is required.");
        }
        return edit;
    }

    ScimGroupEdit groupResource(JsonNode body) {
        requireSchema(body, ScimGroupEdit.CORE);
        ScimGroupEdit edit = new ScimGroupEdit();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            edit.add(ScimGroupEdit.normalize(field.getKey()), field.getValue(), true);
        }
        if (edit.displayName == null) {
            throw ScimException.invalidValue("displayName is required.");
        }
        return edit;
    }

    /** Applies a PatchOp (RFC 7644 §3.5.2) to a user; all operations or none, as the caller stores only the end result. */
    void patch(JsonNode body, ScimUserEdit edit) {
        for (Operation op : operations(body)) {
            if (op.path() == null) {
                for (Map.Entry<String, JsonNode> field : ScimUserEdit.fields("value", op.value())) {
                    applyToUser(op.kind(), ScimUserEdit.normalize(field.getKey()), field.getValue(), edit);
                }
            } else {
                applyToUser(op.kind(), ScimUserEdit.normalize(op.path()), op.value(), edit);
            }
        }
    }

    void patch(JsonNode body, ScimGroupEdit edit) {
        for (Operation op : operations(body)) {
            if (op.path() == null) {
                if (op.kind().equals("remove")) {
                    throw ScimException.noTarget("A remove operation needs a path.");
                }
                for (Map.Entry<String, JsonNode> field : ScimUserEdit.fields("value", op.value())) {
                    applyToGroup(op.kind(), ScimGroupEdit.normalize(field.getKey()), field.getValue(), edit);
                }
            } else {
                applyToGroup(op.kind(), ScimGroupEdit.normalize(op.path()), op.value(), edit);
            }
        }
    }

    private static void applyToUser(String kind, String key, JsonNode value, ScimUserEdit edit) {
        if (kind.equals("remove")) {
            edit.remove(key);
        } else {
            edit.set(key, value, false);
        }
    }

    private static void applyToGroup(String kind, String key, JsonNode value, ScimGroupEdit edit) {
        switch (kind) {
            case "add" -> edit.add(key, value, false);
            case "replace" -> edit.replace(key, value);
            default -> edit.remove(key, value);
        }
    }

    private record Operation(String kind, String path, JsonNode value) {
    }

    private static List<Operation> operations(JsonNode body) {
        requireSchema(body, PATCH_OP);
        JsonNode ops = body.get("Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw ScimException.invalidSyntax("A PatchOp needs a non-empty \"Operations\" array.");
        }
        if (ops.size() > MAX_OPERATIONS) {
            throw ScimException.invalidSyntax("At most " + MAX_OPERATIONS + " operations per request.");
        }
        return java.util.stream.StreamSupport.stream(ops.spliterator(), false).map(op -> {
            if (!op.isObject() || !op.path("op").isTextual()) {
                throw ScimException.invalidSyntax("Each operation needs an \"op\": add, remove or replace.");
            }
            String kind = op.get("op").textValue().toLowerCase(Locale.ROOT);
            if (!List.of("add", "remove", "replace").contains(kind)) {
                throw ScimException.invalidSyntax("Unknown op \"" + op.get("op").textValue() + "\"; use add, remove or replace.");
            }
            JsonNode path = op.get("path");
            if (path != null && !path.isNull() && (!path.isTextual() || path.textValue().isBlank())) {
                throw ScimException.invalidPath("\"path\" must be a non-empty string.");
            }
            JsonNode value = op.get("value");
            if (!kind.equals("remove") && (value == null || value.isMissingNode())) {
                throw ScimException.invalidValue("The " + kind + " operation needs a \"value\".");
            }
            return new Operation(kind, path == null || path.isNull() ? null : path.textValue(), value);
        }).toList();
    }

    private static void requireSchema(JsonNode body, String schema) {
        if (!body.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object.");
        }
        JsonNode schemas = body.get("schemas");
        boolean listed = false;
        if (schemas != null && schemas.isArray()) {
            for (JsonNode s : schemas) {
                listed |= s.isTextual() && s.textValue().equalsIgnoreCase(schema);
            }
        }
        if (!listed) {
            throw ScimException.invalidSyntax("\"schemas\" must list " + schema + ".");
        }
    }

    private ObjectNode meta(String type, Instant created, Instant updated, String location, int version) {
        ObjectNode meta = json.createObjectNode();
        meta.put("resourceType", type);
        meta.put("created", created.toString());
        meta.put("lastModified", updated.toString());
        meta.put("location", location);
        meta.put("version", etag(version));
        return meta;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
