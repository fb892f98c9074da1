package dev.gatehouse.apps;

/** A user or group entitled to one (account, role) pair of a catalog instance. */
public record Entitlement(String appId, Assignments.PrincipalType principalType, String principalId, String accountId,
                          String roleName) {
}
