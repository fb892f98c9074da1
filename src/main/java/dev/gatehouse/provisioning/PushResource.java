package dev.gatehouse.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.directory.Enterprise;
import dev.gatehouse.directory.User;

import java.util.Optional;
import java.util.function.Function;

/**
 * A user as Gatehouse pushes it (RFC 7643 §4.1 and the enterprise extension §4.3): {@code externalId} is
 * Gatehouse's id, so the target can tell the user apart from ones it made itself; the manager is named by their id
 * at the target, only when Gatehouse pushed them there too. Never a password.
 */
final class PushResource {
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private PushResource() {
    }

    static ObjectNode of(ObjectMapper json, User u, Function<String, Optional<String>> remoteIdOfManager) {
        ObjectNode out = json.createObjectNode();
        ArrayNode schemas = out.putArray("schemas").add(CORE);
        out.put("userName", u.userName());
        out.put("externalId", u.id());
        if (u.givenName() != null || u.familyName() != null) {
            ObjectNode name = out.putObject("name");
            put(name, "givenName", u.givenName());
            put(name, "familyName", u.familyName());
        }
        put(out, "displayName", u.displayName());
        if (u.email() != null) {
            out.putArray("emails").addObject().put("value", u.email()).put("type", "work").put("primary", true);
        }
        put(out, "locale", u.locale());
        out.put("active", true);
        Enterprise e = u.enterprise();
        Optional<String> manager = e.managerId() == null ? Optional.empty() : remoteIdOfManager.apply(e.managerId());
        if (!e.withManagerId(null).isEmpty() || manager.isPresent()) {
            schemas.add(ENTERPRISE);
            ObjectNode ext = out.putObject(ENTERPRISE);
            put(ext, "employeeNumber", e.employeeNumber());
            put(ext, "costCenter", e.costCenter());
            put(ext, "organization", e.organization());
            put(ext, "division", e.division());
            put(ext, "department", e.department());
            manager.ifPresent(id -> ext.putObject("manager").put("value", id));
        }
        return out;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
