package dev.gatehouse.awsemulator.core;

/**
 * Who made a signed call, as GetCallerIdentity reports it, and what policy evaluation needs to know about the
 * call beside the action: the session it belongs to and where the request came from.
 *
 * @param session  the temporary session behind the credentials, or {@code null} for the account's root keys
 * @param sourceIp the client's address ({@code aws:SourceIp}), or {@code null} when unknown
 * @param region   the region the request was signed for ({@code aws:RequestedRegion}), or {@code null}
 */
public record CallerIdentity(String accountId, String arn, String userId, SessionContext session, String sourceIp,
                             String region) {

    public CallerIdentity(String accountId, String arn, String userId) {
        this(accountId, arn, userId, null, null, null);
    }

    /** The account's root user, whom no policy limits. */
    public boolean isRoot() {
        return arn.equals("arn:aws:iam::" + accountId + ":root");
    }

    /** The same caller, seen on one request. */
    public CallerIdentity onRequest(String sourceIp, String region) {
        return new CallerIdentity(accountId, arn, userId, session, sourceIp, region);
    }
}
