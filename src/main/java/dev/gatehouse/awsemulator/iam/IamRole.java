package dev.gatehouse.awsemulator.iam;

import java.time.Instant;

/**
 * An IAM role.
 *
 * @param roleId                   {@code AROA} + 17 upper-case letters and digits
 * @param assumeRolePolicyDocument the trust policy JSON as stored (not URL-encoded)
 */
public record IamRole(String accountId, String roleName, String path, String roleId, String arn,
                      String assumeRolePolicyDocument, int maxSessionDurationSeconds, String description,
                      Instant createDate) {
}
