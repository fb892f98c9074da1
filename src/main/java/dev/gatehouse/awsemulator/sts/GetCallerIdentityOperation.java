package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

/**
 * STS GetCallerIdentity: who signed the call, for root keys ({@code arn:aws:iam::ACCOUNT:root}) and for session
 * credentials ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}). The SigV4 check happens before this runs.
 */
public final class GetCallerIdentityOperation extends StsOperation {
    @Override
    public String action() {
        return "GetCallerIdentity";
    }

    @Override
    public Auth auth() {
        return Auth.SIGV4;
    }

    @Override
    public String handle(QueryRequest request, CallerIdentity caller) {
        return new ResultXml()
                .element("Arn", caller.arn())
                .element("UserId", caller.userId())
                .element("Account", caller.accountId())
                .toString();
    }
}
