package dev.gatehouse.awsemulator.sts;

import java.time.Instant;
import java.util.Map;

/**
 * Temporary credentials issued for an assumed role, as stored and as returned (aws-saml-spec §4.3).
 *
 * @param assumedRoleId  {@code <RoleId>:<RoleSessionName>}
 * @param assumedRoleArn {@code arn:aws:sts::<account>:assumed-role/<role>/<session>} (no path)
 * @param sessionTags    the session tags from the assertion's PrincipalTag attributes (key → value), in order
 */
public record IssuedSession(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                            String roleName, String roleId, String sessionName, String assumedRoleArn,
                            String sourceIdentity, Map<String, String> sessionTags, Instant issuedAt, Instant expiresAt) {

    public String assumedRoleId() {
        return roleId + ":" + sessionName;
    }

    /** The {@code Credentials} and {@code AssumedRoleUser} elements every STS result that issues a session carries. */
    public dev.gatehouse.awsemulator.query.ResultXml writeTo(dev.gatehouse.awsemulator.query.ResultXml x) {
        return x.open("Credentials")
                .element("AccessKeyId", accessKeyId)
                .element("SecretAccessKey", secretAccessKey)
                .element("SessionToken", sessionToken)
                .element("Expiration", expiresAt)
                .close("Credentials")
                .open("AssumedRoleUser")
                .element("AssumedRoleId", assumedRoleId())
                .element("Arn", assumedRoleArn)
                .close("AssumedRoleUser");
    }

    @Override
    public String toString() {
        // Never print the secret or the token.
        return "IssuedSession[" + accessKeyId + ", " + assumedRoleArn + ", expires " + expiresAt + "]";
    }
}
