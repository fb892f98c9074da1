package dev.gatehouse.awsemulator.iam;

import java.time.Instant;

/**
 * An IAM role.
 *
 * @param roleId                   {@code AROA} + 17 upper-case letters and digits
 * @param assumeRolePolicyDocument the trust policy JSON as stored (not URL-encoded)
 * @param permissionsBoundary      the ARN of the managed policy set as the role's permissions boundary, or {@code null}
 * @param lastUsedDate             when the role was last assumed, or {@code null} (GetRole's RoleLastUsed)
 * @param lastUsedRegion           the region it was assumed in, or {@code null}
 */
public record IamRole(String accountId, String roleName, String path, String roleId, String arn,
                      String assumeRolePolicyDocument, int maxSessionDurationSeconds, String description,
                      Instant createDate, String permissionsBoundary, Instant lastUsedDate, String lastUsedRegion) {
}
