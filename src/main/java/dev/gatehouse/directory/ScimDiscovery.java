package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * SCIM's discovery resources (RFC 7644 §4, RFC 7643 §5–7): {@code ServiceProviderConfig}, {@code ResourceTypes}
 * and {@code Schemas}, describing what this server really does, so provisioning clients (Entra ID, Okta) can
 * read it instead of guessing: PATCH, filters, sorting and ETags yes, bulk no, one email per user, users as the only
 * group members. Built once; immutable JSON handed out as copies. Thread-safe.
 */
final class ScimDiscovery {
    static final String SP_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private final ObjectMapper json;
    private final String scimBase;
    private final ObjectNode serviceProviderConfig;
    private final List<ObjectNode> resourceTypes;
    private final List<ObjectNode> schemas;

    ScimDiscovery(ObjectMapper json, String scimBase) {
        this.json = json;
        this.scimBase = scimBase;
        this.serviceProviderConfig = buildServiceProviderConfig();
        this.resourceTypes = List.of(
                resourceType("User", "/Users", "User Account", ScimUserEdit.CORE, ScimUserEdit.EXTENSION, ScimUserEdit.ENTERPRISE),
                resourceType("Group", "/Groups", "Group", ScimGroupEdit.CORE));
        this.schemas = List.of(userSchema(), gatehouseUserExtension(), enterpriseUserExtension(), groupSchema());
    }

    ObjectNode serviceProviderConfig() {
        return serviceProviderConfig.deepCopy();
    }

    ObjectNode resourceTypes() {
        return list(resourceTypes);
    }

    Optional<ObjectNode> resourceType(String name) {
        return resourceTypes.stream().filter(r -> r.get("id").textValue().equals(name)).findFirst().map(ObjectNode::deepCopy);
    }

    ObjectNode schemas() {
        return list(schemas);
    }

    Optional<ObjectNode> schema(String id) {
        return schemas.stream().filter(s -> s.get("id").textValue().equals(id)).findFirst().map(ObjectNode::deepCopy);
    }

    private ObjectNode list(List<ObjectNode> items) {
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(ScimJson.LIST_RESPONSE);
        out.put("totalResults", items.size());
        out.put("itemsPerPage", items.size());
        out.put("startIndex", 1);
        ArrayNode resources = out.putArray("Resources");
        items.forEach(item -> resources.add(item.deepCopy()));
        return out;
    }

    private ObjectNode buildServiceProviderConfig() {
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(SP_CONFIG_SCHEMA);
        out.putObject("patch").put("supported", true);
        out.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        out.putObject("filter").put("supported", true).put("maxResults", ListQuery.MAX_COUNT);
        out.putObject("changePassword").put("supported", true);
        out.putObject("sort").put("supported", true);
        out.putObject("etag").put("supported", true);
        ObjectNode bearer = out.putArray("authenticationSchemes").addObject();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "Bearer token");
        bearer.put("description", "An administrator's API token from the console (Tokens), sent as Authorization: Bearer.");
        bearer.put("primary", true);
        out.set("meta", meta("ServiceProviderConfig", scimBase + "/ServiceProviderConfig"));
        return out;
    }

    private ObjectNode resourceType(String name, String endpoint, String description, String schema, String... extensions) {
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(RESOURCE_TYPE_SCHEMA);
        out.put("id", name);
        out.put("name", name);
        out.put("endpoint", endpoint);
        out.put("description", description);
        out.put("schema", schema);
        if (extensions.length > 0) {
            ArrayNode list = out.putArray("schemaExtensions");
            for (String extension : extensions) {
                list.addObject().put("schema", extension).put("required", false);
            }
        }
        out.set("meta", meta("ResourceType", scimBase + "/ResourceTypes/" + name));
        return out;
    }

    private ObjectNode userSchema() {
        ObjectNode schema = schema(ScimUserEdit.CORE, "User", "User Account");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attribute("userName", "string", "Unique identifier for the user, used to sign in.", true, "readWrite", "always", "server"));
        ObjectNode name = attribute("name", "complex", "The user's name.", false, "readWrite", "default", "none");
        ArrayNode nameParts = name.putArray("subAttributes");
        nameParts.add(attribute("formatted", "string", "givenName and familyName together (derived).", false, "readOnly", "default", "none"));
        nameParts.add(attribute("familyName", "string", "Family name.", false, "readWrite", "default", "none"));
        nameParts.add(attribute("givenName", "string", "Given name.", false, "readWrite", "default", "none"));
        attributes.add(name);
        attributes.add(attribute("displayName", "string", "The name shown for the user.", false, "readWrite", "default", "none"));
        ObjectNode emails = attribute("emails", "complex", "The user's one email address.", false, "readWrite", "default", "none");
        emails.put("multiValued", true);
        ArrayNode emailParts = emails.putArray("subAttributes");
        emailParts.add(attribute("value", "string", "The address.", false, "readWrite", "default", "none"));
        emailParts.add(attribute("type", "string", "Always work.", false, "readOnly", "default", "none"));
        emailParts.add(attribute("primary", "boolean", "Always true.", false, "readOnly", "default", "none"));
        attributes.add(emails);
        attributes.add(attribute("active", "boolean", "Whether the user may sign in; false ends their sessions.", false, "readWrite", "default", "none"));
        attributes.add(attribute("password", "string", "Written only; never returned.", false, "writeOnly", "never", "none"));
        attributes.add(attribute("locale", "string", "The user's locale, a language tag such as en-US.", false, "readWrite", "default", "none"));
        return schema;
    }

    /** RFC 7643 §4.3, as stored: every attribute optional; the manager by id, its displayName read-only. */
    private ObjectNode enterpriseUserExtension() {
        ObjectNode schema = schema(ScimUserEdit.ENTERPRISE, "EnterpriseUser", "Enterprise User");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attribute("employeeNumber", "string", "A number assigned by the organization.", false, "readWrite", "default", "none"));
        attributes.add(attribute("costCenter", "string", "Name of a cost center.", false, "readWrite", "default", "none"));
        attributes.add(attribute("organization", "string", "Name of an organization.", false, "readWrite", "default", "none"));
        attributes.add(attribute("division", "string", "Name of a division.", false, "readWrite", "default", "none"));
        attributes.add(attribute("department", "string", "Name of a department.", false, "readWrite", "default", "none"));
        ObjectNode manager = attribute("manager", "complex", "The user's manager.", false, "readWrite", "default", "none");
        ArrayNode parts = manager.putArray("subAttributes");
        parts.add(attribute("value", "string", "The id of the manager's user resource.", false, "readWrite", "default", "none"));
        parts.add(attribute("$ref", "reference", "The URI of the manager's user resource.", false, "readOnly", "default", "none"));
        parts.add(attribute("displayName", "string", "The manager's display name.", false, "readOnly", "default", "none"));
        attributes.add(manager);
        return schema;
    }

    private ObjectNode gatehouseUserExtension() {
        ObjectNode schema = schema(ScimUserEdit.EXTENSION, "GatehouseUser", "Gatehouse's own user attributes");
        schema.putArray("attributes").add(attribute("admin", "boolean", "Whether the user administers Gatehouse.", false, "readWrite", "default", "none"));
        return schema;
    }

    private ObjectNode groupSchema() {
        ObjectNode schema = schema(ScimGroupEdit.CORE, "Group", "Group");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attribute("displayName", "string", "The group's name.", true, "readWrite", "always", "none"));
        ObjectNode members = attribute("members", "complex", "The group's members: users only, no nested groups.", false, "readWrite", "default", "none");
        members.put("multiValued", true);
        ArrayNode parts = members.putArray("subAttributes");
        parts.add(attribute("value", "string", "The member's user id.", false, "immutable", "default", "none"));
        parts.add(attribute("display", "string", "The member's userName.", false, "readOnly", "default", "none"));
        parts.add(attribute("type", "string", "Always User.", false, "immutable", "default", "none"));
        parts.add(attribute("$ref", "reference", "The member's URL.", false, "immutable", "default", "none"));
        attributes.add(members);
        return schema;
    }

    private ObjectNode schema(String id, String name, String description) {
        ObjectNode out = json.createObjectNode();
        out.putArray("schemas").add(SCHEMA_SCHEMA);
        out.put("id", id);
        out.put("name", name);
        out.put("description", description);
        out.set("meta", meta("Schema", scimBase + "/Schemas/" + id));
        return out;
    }

    private ObjectNode attribute(String name, String type, String description, boolean required, String mutability,
                                 String returned, String uniqueness) {
        ObjectNode out = json.createObjectNode();
        out.put("name", name);
        out.put("type", type);
        out.put("multiValued", false);
        out.put("description", description);
        out.put("required", required);
        out.put("caseExact", false);
        out.put("mutability", mutability);
        out.put("returned", returned);
        out.put("uniqueness", uniqueness);
        return out;
    }

    private ObjectNode meta(String resourceType, String location) {
        ObjectNode meta = json.createObjectNode();
        meta.put("resourceType", resourceType);
        meta.put("location", location);
        return meta;
    }
}
