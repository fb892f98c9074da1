package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

/** The Query API face of {@link AssumeRole}: signed, parameters and result as in STS's model. */
public final class AssumeRoleOperation extends StsOperation {
    private final AssumeRole sts;

    public AssumeRoleOperation(AssumeRole sts) {
        this.sts = sts;
    }

    @Override
    public String action() {
        return "AssumeRole";
    }

    @Override
    public Auth auth() {
        return Auth.SIGV4;
    }

    @Override
    public String handle(QueryRequest request, CallerIdentity caller) {
        IssuedSession s = sts.assume(caller, new AssumeRole.Request(request.param("RoleArn"), request.param("RoleSessionName"),
                duration(request.param("DurationSeconds")), request.param("ExternalId")));
        return s.writeTo(new ResultXml())
                .element("SourceIdentity", s.sourceIdentity())
                .toString();
    }

    private static Integer duration(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw AwsError.validationError("1 validation error detected: Value '" + value + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
        }
    }
}
