package dev.gatehouse.awsemulator.account;

import dev.gatehouse.awsemulator.core.CallerIdentity;

import java.time.Instant;

/**
 * A key pair a request may be signed with, and who it stands for.
 *
 * @param sessionTokenHash the SHA-256 ({@code AccessKeys.sessionTokenHash}) of the token a session credential's
 *                         requests must carry; {@code null} for root keys
 * @param expiresAt    when a session credential stops working; {@code null} for root keys
 */
public record SigningCredential(String accessKeyId, String secretAccessKey, String accountId, String arn,
                                String userId, String sessionTokenHash, Instant expiresAt) {

    public CallerIdentity caller() {
        return new CallerIdentity(accountId, arn, userId);
    }

    @Override
    public String toString() {
        return "SigningCredential[accessKeyId=" + accessKeyId + ", arn=" + arn + "]";
    }
}
