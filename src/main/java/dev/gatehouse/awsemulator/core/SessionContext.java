package dev.gatehouse.awsemulator.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a temporary session carries into every later request's evaluation (IAM User Guide, "Session policies",
 * "Passing session tags in STS" and "Available keys for SAML-based federation"), stored with the credential.
 *
 * @param roleArn           the assumed role's ARN with its path ({@code aws:PrincipalArn})
 * @param tokenIssueTime    when STS issued the credentials ({@code aws:TokenIssueTime})
 * @param tags              session tags from the assertion ({@code aws:PrincipalTag/KEY})
 * @param transitiveTagKeys the tag keys the assertion marked transitive
 * @param sourceIdentity    {@code aws:SourceIdentity}, or {@code null}
 * @param samlKeys          the {@code saml:*} keys of the assertion, as trust evaluation saw them
 * @param inlinePolicy      the {@code Policy} passed to AssumeRoleWithSAML, or {@code null}
 * @param policyArns        the managed session policies ({@code PolicyArns}), possibly empty
 */
public record SessionContext(String accessKeyId, String roleArn, String roleName, Instant tokenIssueTime,
                             Map<String, String> tags, List<String> transitiveTagKeys, String sourceIdentity,
                             Map<String, List<String>> samlKeys, String inlinePolicy, List<String> policyArns) {

    /** Whether the session was given session policies, which then cap its permissions. */
    public boolean hasSessionPolicies() {
        return inlinePolicy != null || !policyArns.isEmpty();
    }
}
