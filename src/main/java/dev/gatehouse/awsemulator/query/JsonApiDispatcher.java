package dev.gatehouse.awsemulator.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.awsemulator.core.ActionAuthorizer;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.RequestAuthenticator;
import dev.gatehouse.awsemulator.core.SignedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's JSON 1.1 protocol on the Query API's endpoint: a POST whose {@code X-Amz-Target} header names
 * {@code targetPrefix.Operation}. Authenticates (SigV4 with the operation's signing name), asks the
 * {@link ActionAuthorizer}, runs the operation and answers {@code application/x-amz-json-1.1}; every refusal is
 * {@code {"__type": CODE, "message": TEXT}} with the code's status, as botocore's JSON parser expects. Thread-safe.
 */
public final class JsonApiDispatcher {
    public static final String TARGET_HEADER = "X-Amz-Target";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(JsonApiDispatcher.class);
    /** The Query protocol's authentication codes, as the JSON protocol spells them. */
    private static final Map<String, String> JSON_AUTH_CODES = Map.of(
            "InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidSignatureException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException",
            "IncompleteSignature", "IncompleteSignatureException",
            "ExpiredToken", "ExpiredTokenException");

    private final Map<String, JsonOperation> byTarget = new HashMap<>();
    private final RequestAuthenticator authenticator;
    private final ActionAuthorizer authorizer;
    private final CallRecorder recorder;

    /** The status and body to send. */
    public record Answer(int status, String body) {
    }

    public JsonApiDispatcher(List<JsonOperation> operations, RequestAuthenticator authenticator, ActionAuthorizer authorizer,
                             CallRecorder recorder) {
        for (JsonOperation op : operations) {
            byTarget.put(op.targetPrefix() + "." + op.operation(), op);
        }
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.recorder = recorder;
    }

    public Answer handle(SignedRequest request, String sourceIp, String requestId) {
        JsonOperation op = byTarget.get(request.header(TARGET_HEADER).trim());
        if (op == null) {
            return error(new AwsError("UnknownOperationException", null, 400));
        }
        CallerIdentity caller;
        try {
            // aws:SourceIp and aws:RequestedRegion are the request's own, as for Query calls.
            caller = authenticator.authenticate(request, op.signingName()).onRequest(sourceIp, QueryApiHandlers.regionOf(request));
        } catch (AwsError e) {
            return error(new AwsError(JSON_AUTH_CODES.getOrDefault(e.code(), e.code()), e.getMessage(), e.httpStatus()));
        }
        String body = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
        String result = null;
        AwsError failure = null;
        try {
            authorizer.authorize(caller, op.iamAction(), "*");
            result = op.handle(parse(body), caller);
            return new Answer(200, result);
        } catch (AwsError e) {
            failure = e;
            return error(e);
        } catch (RuntimeException e) {
            log.error("JSON API failure, request id {}", requestId, e);
            failure = new AwsError("InternalFailure", "The request processing has failed because of an unknown error.", 500);
            return error(failure);
        } finally {
            recorder.record(new ApiCall(op.signingName(), op.operation(), Map.of(), body, request, caller, sourceIp,
                    requestId, result, failure));
        }
    }

    /** The body as a JSON object; an empty body counts as {@code {}}, anything else is a SerializationException. */
    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new AwsError("SerializationException", "Start of structure or map found where not expected.", 400);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AwsError("SerializationException", "The request body is not valid JSON.", 400);
        }
    }

    static Answer error(AwsError e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", e.code());
        if (e.getMessage() != null) {
            body.put("message", e.getMessage());
        }
        try {
            return new Answer(e.httpStatus(), JSON.writeValueAsString(body));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
