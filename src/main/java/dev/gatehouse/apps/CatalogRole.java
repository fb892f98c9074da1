package dev.gatehouse.apps;

/** A role of one catalog account that users can be entitled to; {@code roleName} is the name, optionally after a path. */
public record CatalogRole(String appId, String accountId, String roleName, String description,
                          int sessionDurationSeconds, String relayState) {
    /** The name without its path, as AWS shows it in an assumed-role ARN. */
    public String shortName() {
        return roleName.substring(roleName.lastIndexOf('/') + 1);
    }
}
