package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.SignedRequest;

import java.util.List;
import java.util.Map;

/**
 * One answered API call as the wire adapter saw it, handed to a {@link CallRecorder}: what was asked, by whom, from
 * where, and what was answered. Protocol-neutral: a Query call carries its decoded form parameters, a JSON 1.1 call
 * its body.
 *
 * @param service   the signing name of the API ({@code iam}, {@code sts}, {@code cloudtrail})
 * @param action    the operation, e.g. {@code CreateRole}
 * @param params    the decoded Query parameters ({@code Action} and {@code Version} included); empty for JSON calls
 * @param jsonBody  the JSON 1.1 request body; {@code null} for Query calls
 * @param signed    the request as received (access key, credential scope and user agent are read from it)
 * @param caller    who signed the call; {@code null} for unsigned operations
 * @param sourceIp  the client's address
 * @param requestId the id sent back in the answer
 * @param result    the answer's result (Query: the inner XML of {@code <ActionResult>}; JSON: the body); {@code null}
 *                  on failure or for empty answers
 * @param error     the refusal, or {@code null} on success
 */
public record ApiCall(String service, String action, Map<String, List<String>> params, String jsonBody,
                      SignedRequest signed, CallerIdentity caller, String sourceIp, String requestId, String result,
                      AwsError error) {
}
