package dev.gatehouse.awsemulator.account;

import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.SessionContext;

import java.time.Instant;

/**
 * A key pair a request may be signed with, and who it stands for.
 *
 * @param sessionTokenHash the SHA-256 ({@code AccessKeys.sessionTokenHash}) of the token a session credential's
 *                         requests must carry; {@code null} for root keys
 * @param expiresAt    when a session credential stops working; {@code null} for root keys
 * @param session      what a temporary session carries into policy evaluation; {@code null} for root keys
 */
public record SigningCredential(String accessKeyId, String secretAccessKey, String accountId, String arn,
                                String userId, String sessionTokenHash, Instant expiresAt, SessionContext session) {

    public SigningCredential(String accessKeyId, String secretAccessKey, String accountId, String arn, String userId,
                             String sessionTokenHash, Instant expiresAt) {
        this(accessKeyId, secretAccessKey, accountId, arn, userId, sessionTokenHash, expiresAt, null);
    }

    public CallerIdentity caller() {
        return new CallerIdentity(accountId, arn, userId, session, null, null);
    }

    @Override
    public String toString() {
        return "SigningCredential[accessKeyId=" + accessKeyId + ", arn=" + arn + "]";
    }
}
