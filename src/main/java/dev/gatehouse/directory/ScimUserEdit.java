package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Locale;
import java.util.Map;

/**
 * A user being changed through SCIM: starts from a stored user (PATCH) or from nothing (POST, PUT) and takes
 * attribute writes by SCIM path. Knows which paths exist, which are read-only and what type each holds, so
 * every refusal names the attribute and the rule. Not thread-safe (one per request).
 */
final class ScimUserEdit {
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String EXTENSION = "urn:gatehouse:scim:schemas:extension:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    String userName;
    String email;
    String givenName;
    String familyName;
    String displayName;
    boolean active = true;
    boolean admin;
    String password;
    String externalId;
    String locale;
    Enterprise enterprise = Enterprise.NONE;

    static ScimUserEdit blank() {
        return new ScimUserEdit();
    }

    static ScimUserEdit of(User user) {
        ScimUserEdit edit = new ScimUserEdit();
        edit.userName = user.userName();
        edit.email = user.email();
        edit.givenName = user.givenName();
        edit.familyName = user.familyName();
        edit.displayName = user.displayName();
        edit.active = user.active();
        edit.admin = user.admin();
        edit.externalId = user.externalId();
        edit.locale = user.locale();
        edit.enterprise = user.enterprise();
        return edit;
    }

    UserDraft draft() {
        return new UserDraft(userName, email, givenName, familyName, displayName, active, admin, locale, enterprise);
    }

    /**
     * Lower-cases a SCIM attribute path and strips a schema URN prefix: {@code urn:…:User:name.givenName}
     * becomes {@code name.givenname}, the extension's {@code admin} becomes {@code admin}; value filters on
     * emails ({@code emails[type eq "work"].value}) address the one email Gatehouse keeps. The enterprise
     * extension's attributes become {@code enterprise.department} and so on, in Entra's path form
     * ({@code urn:…:enterprise:2.0:User:department}) as in Okta's nested object.
     */
    static String normalize(String path) {
        String p = path.trim().toLowerCase(Locale.ROOT);
        String core = CORE.toLowerCase(Locale.ROOT);
        String extension = EXTENSION.toLowerCase(Locale.ROOT);
        String enterprise = ENTERPRISE.toLowerCase(Locale.ROOT);
        if (p.equals(enterprise)) {
            return "enterprise";
        }
        if (p.startsWith(enterprise + ":")) {
            return "enterprise." + p.substring(enterprise.length() + 1);
        }
        if (p.equals("manager") || p.startsWith("manager.")) {
            return "enterprise." + p; // Entra's documented "path": "manager"; the core schema has none
        }
        if (p.equals(extension)) {
            return "extension";
        }
        if (p.startsWith(extension + ":")) {
            return p.substring(extension.length() + 1);
        }
        if (p.startsWith(core + ":")) {
            p = p.substring(core.length() + 1);
        }
        if (p.matches("emails\\[[^\\]]*\\]\\.value")) {
            return "emails.value";
        }
        if (p.matches("emails\\[[^\\]]*\\]")) {
            return "emails";
        }
        return p;
    }

    /** Sets (SCIM add or replace) the attribute at normalised path {@code key} to {@code value}. */
    void set(String key, JsonNode value, boolean resource) {
        switch (key) {
            case "username" -> userName = text(key, value);
            case "externalid" -> externalId = text("externalId", value);
            case "name" -> {
                for (Map.Entry<String, JsonNode> sub : fields("name", value)) {
                    set("name." + sub.getKey().toLowerCase(Locale.ROOT), sub.getValue(), resource);
                }
            }
            case "name.givenname" -> givenName = text(key, value);
            case "name.familyname" -> familyName = text(key, value);
            case "name.formatted" -> {
                // Derived from givenName and familyName on output; a client's copy carries nothing new.
            }
            case "displayname" -> displayName = text(key, value);
            case "emails" -> email = primaryEmail(value);
            case "emails.value" -> email = text(key, value);
            case "active" -> active = bool(key, value);
            case "admin" -> admin = bool(key, value);
            case "password" -> password = text(key, value);
            case "extension" -> {
                for (Map.Entry<String, JsonNode> sub : fields(EXTENSION, value)) {
                    String name = sub.getKey().toLowerCase(Locale.ROOT);
                    if (!name.equals("admin")) {
                        throw ScimException.invalidValue("The Gatehouse extension has no attribute \"" + sub.getKey() + "\".");
                    }
                    admin = bool("admin", sub.getValue());
                }
            }
            case "locale" -> locale = text(key, value);
            case "enterprise" -> {
                for (Map.Entry<String, JsonNode> sub : fields(ENTERPRISE, value)) {
                    set("enterprise." + sub.getKey().toLowerCase(Locale.ROOT), sub.getValue(), resource);
                }
            }
            case "enterprise.employeenumber", "enterprise.costcenter", "enterprise.organization", "enterprise.division",
                 "enterprise.department", "enterprise.manager", "enterprise.manager.value" -> enterprise = ScimEnterprise.set(enterprise, key, value);
            case "enterprise.manager.displayname", "enterprise.manager.$ref" -> {
                // Read-only, derived from the manager's id (RFC 7643 §4.3); a client's copy is ignored.
            }
            case "id", "meta", "schemas" -> {
                if (!resource) {
                    throw ScimException.mutability("\"" + key + "\" is read-only.");
                }
            }
            case "groups" -> {
                // Read-only (RFC 7643 §4.1.2): ignored in a resource body (RFC 7644 §3.3), as Okta sends "groups": [].
                if (!resource) {
                    throw ScimException.mutability("groups is read-only; change membership through /Groups.");
                }
            }
            case "roles" -> {
                // Entra ID sends "roles": []; an empty list asks for nothing Gatehouse would have to keep.
                if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                    throw ScimException.invalidValue("Gatehouse keeps no roles; assign applications to users or groups instead.");
                }
            }
            default -> {
                if (key.startsWith("enterprise.")) {
                    throw ScimException.invalidPath("The enterprise extension has no attribute \"" + key.substring(11) + "\".");
                }
                throw unknown(key);
            }
        }
    }

    /** Removes (SCIM remove) the attribute at normalised path {@code key}. */
    void remove(String key) {
        switch (key) {
            case "username" -> throw ScimException.invalidValue("userName is required and cannot be removed.");
            case "active" -> throw ScimException.invalidValue("active cannot be removed; replace it with false to deactivate.");
            case "password" -> throw ScimException.invalidValue("password cannot be removed; replace it instead.");
            case "name" -> {
                givenName = null;
                familyName = null;
            }
            case "name.givenname" -> givenName = null;
            case "name.familyname" -> familyName = null;
            case "name.formatted" -> {
                // derived, nothing stored
            }
            case "displayname" -> displayName = null;
            case "externalid" -> externalId = null;
            case "emails", "emails.value" -> email = null;
            case "admin", "extension" -> admin = false;
            case "locale" -> locale = null;
            case "enterprise" -> enterprise = Enterprise.NONE;
            case "enterprise.employeenumber", "enterprise.costcenter", "enterprise.organization", "enterprise.division",
                 "enterprise.department", "enterprise.manager", "enterprise.manager.value" -> enterprise = ScimEnterprise.set(enterprise, key, null);
            case "id", "meta", "schemas" -> throw ScimException.mutability("\"" + key + "\" is read-only.");
            default -> throw unknown(key);
        }
    }

    private static ScimException unknown(String key) {
        return ScimException.invalidPath("Gatehouse users have no attribute \"" + key + "\".");
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(String name, JsonNode value) {
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue(name + " must be a JSON object.");
        }
        return value.properties();
    }

    static String text(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue(name + " must be a string.");
        }
        return value.textValue();
    }

    /** A boolean; the strings "true" and "false" are taken too, as some provisioning clients send them. */
    static boolean bool(String name, JsonNode value) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.textValue().toLowerCase(Locale.ROOT));
        }
        throw ScimException.invalidValue(name + " must be true or false.");
    }

    /** The one email Gatehouse keeps: the one marked primary, or the only one given. */
    private static String primaryEmail(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode list = value.isArray() ? value : value.isObject() ? JsonNodeFactory.instance.arrayNode().add(value) : null;
        if (list == null) {
            throw ScimException.invalidValue("emails must be an array of {\"value\": …} objects.");
        }
        String chosen = null;
        int count = 0;
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.path("value").isTextual()) {
                throw ScimException.invalidValue("Each email must be an object with a string \"value\".");
            }
            count++;
            if (chosen == null || entry.path("primary").asBoolean(false)) {
                chosen = entry.get("value").textValue();
            }
        }
        if (count > 1) {
            throw ScimException.invalidValue("Gatehouse keeps one email per user; send exactly one.");
        }
        return chosen;
    }
}
