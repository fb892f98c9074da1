package dev.gatehouse.awsemulator.iam;

import java.time.Instant;

/**
 * A customer-managed policy (one version, {@code v1}).
 *
 * @param policyId {@code ANPA} + 17 upper-case letters and digits
 * @param document the policy JSON as stored (not URL-encoded)
 */
public record IamPolicy(String accountId, String policyName, String path, String policyId, String arn,
                        String defaultVersionId, String document, int attachmentCount, Instant createDate) {
}
