package dev.gatehouse.directory;

/**
 * A user's attributes from SCIM's enterprise extension ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User},
 * RFC 7643 §4.3), which Entra ID and Okta send and attribute mappings read ({@code ${user:department}}). Each is
 * optional. The manager is kept as the id the client sent ({@code manager.value}, normally another user's id
 * here); its display name is read from that user when it exists, never stored.
 */
public record Enterprise(String employeeNumber, String costCenter, String organization, String division,
                         String department, String managerId) {
    public static final Enterprise NONE = new Enterprise(null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    public Enterprise withManagerId(String value) {
        return new Enterprise(employeeNumber, costCenter, organization, division, department, value);
    }
}
