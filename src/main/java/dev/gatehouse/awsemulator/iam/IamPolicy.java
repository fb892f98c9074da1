package dev.gatehouse.awsemulator.iam;

import java.time.Instant;

/**
 * A managed policy: customer-managed (one version, {@code v1}) or AWS managed ({@code accountId} {@code aws}, its
 * default version from the bundled catalog).
 *
 * @param policyId           {@code ANPA} + 17 upper-case letters and digits
 * @param document           the default version's policy JSON (not URL-encoded)
 * @param attachmentCount    roles it is attached to (for an AWS managed policy: in the caller's account)
 * @param boundaryUsageCount roles that use it as their permissions boundary (likewise)
 */
public record IamPolicy(String accountId, String policyName, String path, String policyId, String arn,
                        String defaultVersionId, String document, int attachmentCount, int boundaryUsageCount,
                        Instant createDate, Instant updateDate) {
    /** Whether this is one of AWS's managed policies ({@code arn:aws:iam::aws:policy/…}). */
    public boolean awsManaged() {
        return AwsManagedPolicies.ACCOUNT.equals(accountId);
    }

    /** AWS's policies for service-linked roles can only be used by those roles, so IAM reports them not attachable. */
    public boolean attachable() {
        return !(awsManaged() && path.startsWith("/aws-service-role/"));
    }
}
