package dev.gatehouse.awsemulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;

/**
 * One operation of an API that speaks AWS's JSON 1.1 protocol (CloudTrail's {@code LookupEvents}): POSTed to the
 * same endpoint as the Query APIs, named by the {@code X-Amz-Target} header, always signed with SigV4.
 */
public interface JsonOperation {

    /** The model's {@code targetPrefix}, e.g. {@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101}. */
    String targetPrefix();

    /** The operation name after the prefix's dot, e.g. {@code LookupEvents}. */
    String operation();

    /** The SigV4 signing name, e.g. {@code cloudtrail}. */
    String signingName();

    /** The IAM action the caller must be allowed, e.g. {@code cloudtrail:LookupEvents}. */
    default String iamAction() {
        return signingName() + ":" + operation();
    }

    /**
     * @param request the parsed JSON body (an object)
     * @return the JSON response body
     * @throws AwsError with the model's error code (sent as {@code __type}) and its status
     */
    String handle(JsonNode request, CallerIdentity caller);
}
