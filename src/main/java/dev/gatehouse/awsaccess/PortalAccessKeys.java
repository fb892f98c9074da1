package dev.gatehouse.awsaccess;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.idp.Authentication;

/**
 * "Command line or programmatic access" in the portal: Gatehouse signs an assertion for one entitled role and buys
 * temporary keys from the account's STS itself. The audit entry names the account, role, access key ID and
 * expiry; never the secret or the session token.
 */
public final class PortalAccessKeys {
    private final AwsAssertions assertions;
    private final StsExchange sts;
    private final AuditLog audit;

    public PortalAccessKeys(AwsAssertions assertions, StsExchange sts, AuditLog audit) {
        this.assertions = assertions;
        this.sts = sts;
        this.audit = audit;
    }

    /** A role's keys. */
    public record Issued(AwsRole role, StsExchange.Credentials credentials) {
    }

    public Issued issue(String userId, String userName, Authentication authentication, String appId, String accountId,
                        String roleName) {
        AwsAssertions.Signed signed = assertions.sign(userId, userName, authentication, appId, accountId, roleName);
        StsExchange.Credentials c;
        try {
            c = sts.assumeRoleWithSaml(signed.role(), signed.samlResponse());
        } catch (StsExchange.StsException e) {
            audit.record(userName, "ACCESS_KEYS_REFUSED", signed.role().appId(), "account=" + accountId + " role=" + roleName
                    + " reason=" + e.getMessage());
            throw e;
        }
        audit.record(userName, "ACCESS_KEYS_ISSUED", signed.role().appId(), "account=" + accountId + " role=" + roleName
                + " accessKeyId=" + c.accessKeyId() + " expires=" + c.expiration());
        return new Issued(signed.role(), c);
    }
}
