package dev.gatehouse.awsemulator.iam;

import java.util.List;

/**
 * What policy evaluation needs of a role: its identity-based policies (managed ones attached, customer or AWS, and
 * inline ones, each named) and its permissions boundary.
 *
 * @param identityPolicies    attached managed policies first (by name), then inline policies (by name)
 * @param permissionsBoundary the boundary's managed policy, or {@code null} when the role has none
 */
public record RolePolicySet(IamRole role, List<NamedPolicy> identityPolicies, NamedPolicy permissionsBoundary) {

    /**
     * One policy document with its name.
     *
     * @param name     the managed policy's or the inline policy's name
     * @param arn      the managed policy's ARN, or {@code null} for an inline policy
     * @param document the policy JSON (not URL-encoded); parse it with {@link PolicyDocument#parseIdentityPolicy}
     */
    public record NamedPolicy(String name, String arn, String document) {
        public boolean inline() {
            return arn == null;
        }
    }
}
