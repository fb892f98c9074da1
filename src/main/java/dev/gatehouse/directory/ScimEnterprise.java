package dev.gatehouse.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Function;

/**
 * The enterprise extension (RFC 7643 §4.3) in and out of SCIM JSON. The manager comes in every shape provisioning
 * clients send it: Okta's and the RFC's object {@code {"value": "…"}}, Entra ID's bare id string on the path
 * {@code …:enterprise:2.0:User:manager}, and the one-element array Entra's guide prints; an empty value removes it.
 */
final class ScimEnterprise {
    private ScimEnterprise() {
    }

    /** {@code current} with the attribute at normalised path {@code key} set to {@code value} ({@code null} removes). */
    static Enterprise set(Enterprise current, String key, JsonNode value) {
        Enterprise e = current;
        return switch (key) {
            case "enterprise.employeenumber" -> new Enterprise(ScimUserEdit.text("employeeNumber", value), e.costCenter(), e.organization(), e.division(), e.department(), e.managerId());
            case "enterprise.costcenter" -> new Enterprise(e.employeeNumber(), ScimUserEdit.text("costCenter", value), e.organization(), e.division(), e.department(), e.managerId());
            case "enterprise.organization" -> new Enterprise(e.employeeNumber(), e.costCenter(), ScimUserEdit.text("organization", value), e.division(), e.department(), e.managerId());
            case "enterprise.division" -> new Enterprise(e.employeeNumber(), e.costCenter(), e.organization(), ScimUserEdit.text("division", value), e.department(), e.managerId());
            case "enterprise.department" -> new Enterprise(e.employeeNumber(), e.costCenter(), e.organization(), e.division(), ScimUserEdit.text("department", value), e.managerId());
            case "enterprise.manager.value" -> e.withManagerId(blankToNull(ScimUserEdit.text("manager.value", value)));
            default -> e.withManagerId(manager(value));
        };
    }

    private static String manager(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return blankToNull(value.textValue());
        }
        if (value.isArray() && value.size() <= 1) {
            return value.isEmpty() ? null : manager(value.get(0));
        }
        if (value.isObject()) {
            for (var field : value.properties()) {
                String name = field.getKey();
                if (!name.equals("value") && !name.equals("$ref") && !name.equalsIgnoreCase("displayName")) {
                    throw ScimException.invalidValue("manager has no attribute \"" + name + "\"; send {\"value\": \"<the manager's id>\"}.");
                }
            }
            return blankToNull(ScimUserEdit.text("manager.value", value.get("value")));
        }
        throw ScimException.invalidValue("manager must be {\"value\": \"<the manager's id>\"} or the id as a string.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The extension's JSON for {@code user}, or {@code null} when it has none of its attributes.
     *
     * @param managerName the manager's display name by id (another user's), or {@code null} when unknown
     */
    static ObjectNode json(ObjectNode into, Enterprise e, String userLocationOfManager, Function<String, String> managerName) {
        if (e.isEmpty()) {
            return null;
        }
        ObjectNode out = into;
        put(out, "employeeNumber", e.employeeNumber());
        put(out, "costCenter", e.costCenter());
        put(out, "organization", e.organization());
        put(out, "division", e.division());
        put(out, "department", e.department());
        if (e.managerId() != null) {
            ObjectNode manager = out.putObject("manager").put("value", e.managerId()).put("$ref", userLocationOfManager);
            String name = managerName.apply(e.managerId());
            if (name != null) {
                manager.put("displayName", name);
            }
        }
        return out;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
