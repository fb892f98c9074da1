package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.iam.IamService;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The IAM console's "Revoke active sessions" (IAM User Guide, "Revoke IAM role temporary security credentials"):
 * puts the inline policy {@value #POLICY_NAME} on the role, denying every action to sessions whose token was
 * issued before now. Evaluation does the rest: older API and console sessions are refused on their next request,
 * on every node; sessions begun afterwards are not. Revoking again moves the time forward. Thread-safe.
 */
public final class SessionRevocation {
    public static final String POLICY_NAME = "AWSRevokeOlderSessions";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final IamService iam;
    private final Clock clock;

    public SessionRevocation(IamService iam, Clock clock) {
        this.iam = iam;
        this.clock = clock;
    }

    /** AWS's document, with the revocation time as the console writes it (UTC, milliseconds). */
    public static String document(Instant now) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + TIME.format(now) + "\"}}}]}";
    }

    /** @throws dev.gatehouse.awsemulator.core.AwsError NoSuchEntity when the role does not exist */
    public void revokeOlderSessions(String accountId, String roleName) {
        iam.putRolePolicy(accountId, roleName, POLICY_NAME, document(clock.instant()));
    }
}
