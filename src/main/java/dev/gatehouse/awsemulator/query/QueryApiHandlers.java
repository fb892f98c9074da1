package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.core.ActionAuthorizer;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.RequestAuthenticator;
import dev.gatehouse.awsemulator.core.SignedRequest;
import dev.gatehouse.ids.RandomIds;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /} (and {@code GET /}): decodes the Query request, finds the operation by {@code Action} (and
 * {@code Version} when two APIs share an action name), checks the signature the operation requires, and writes
 * the XML answer with one request id in body and header. Every failure becomes an AWS {@code ErrorResponse}.
 */
public final class QueryApiHandlers {
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final Logger log = LoggerFactory.getLogger(QueryApiHandlers.class);

    private final Map<String, List<QueryOperation>> byAction = new HashMap<>();
    private final RequestAuthenticator authenticator;
    private final ActionAuthorizer authorizer;
    private final ResourceResolver resources;
    private final RandomIds ids;
    private final JsonApiDispatcher json;
    private final CallRecorder recorder;

    /**
     * @param operations every action served on {@code /}, IAM's and STS's
     * @param authorizer asked for every signed operation, after the signature and before the operation runs
     * @param resources  the resource each action touches, for the authorizer
     * @param json       the JSON 1.1 operations served on the same endpoint (requests with {@code X-Amz-Target}), or
     *                   {@code null} for none
     * @param recorder   told about every call an operation answered, or the authorizer refused
     */
    public QueryApiHandlers(List<QueryOperation> operations, RequestAuthenticator authenticator, ActionAuthorizer authorizer,
                            ResourceResolver resources, RandomIds ids, JsonApiDispatcher json, CallRecorder recorder) {
        for (QueryOperation op : operations) {
            byAction.computeIfAbsent(op.action(), k -> new java.util.ArrayList<>()).add(op);
        }
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.resources = resources;
        this.ids = ids;
        this.json = json;
        this.recorder = recorder;
    }

    public void handle(Context ctx) {
        String requestId = ids.uuid();
        String namespace = IAM_NAMESPACE;
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (HttpResponseException e) { // over the size limit: Javalin has logged it, in one line
            AwsError tooLarge = new AwsError("RequestEntityTooLarge", "The request body is larger than the limit.", e.getStatus());
            respond(ctx, e.getStatus(), requestId, AwsXml.error(tooLarge, namespace, requestId));
            return;
        }
        SignedRequest signed = SignedRequest.of(ctx.method().name().toUpperCase(Locale.ROOT), ctx.path(),
                ctx.queryString(), ctx.headerMap(), body);
        if (json != null && signed.header(JsonApiDispatcher.TARGET_HEADER) != null && signed.method().equals("POST")) {
            JsonApiDispatcher.Answer answer = json.handle(signed, ctx.ip(), requestId);
            ctx.status(answer.status());
            ctx.header(AwsXml.REQUEST_ID_HEADER, requestId);
            ctx.contentType(JsonApiDispatcher.CONTENT_TYPE).result(answer.body());
            return;
        }
        try {
            QueryRequest request = QueryRequest.of(signed);
            String action = request.param("Action");
            QueryOperation op = find(action, request.param("Version"));
            namespace = op.namespace();
            CallerIdentity caller = op.auth() == QueryOperation.Auth.SIGV4
                    ? authenticator.authenticate(request.signed(), serviceOf(op)).onRequest(ctx.ip(), regionOf(request.signed()))
                    : null;
            String result;
            try {
                if (caller != null) {
                    String permission = serviceOf(op) + ":" + op.action();
                    authorizer.authorize(caller, permission, resources.resourceOf(permission, request, caller));
                }
                result = op.handle(request, caller);
            } catch (AwsError refused) {
                // Refused after authentication (by policy, or by the operation): the trail keeps it, as AWS's does.
                recorder.record(new ApiCall(serviceOf(op), op.action(), request.params(), null, signed, caller, ctx.ip(),
                        requestId, null, refused));
                throw refused;
            }
            recorder.record(new ApiCall(serviceOf(op), op.action(), request.params(), null, signed, caller, ctx.ip(),
                    requestId, result, null));
            respond(ctx, 200, requestId, AwsXml.success(op.action(), op.namespace(), result, requestId));
        } catch (AwsError e) {
            respond(ctx, e.httpStatus(), requestId, AwsXml.error(e, namespace, requestId));
        } catch (RuntimeException e) {
            // A bug, not the caller's fault: log it and answer as AWS does for internal failures.
            log.error("Query API failure, request id {}", requestId, e);
            AwsError failure = new AwsError("ServiceFailure", "The request processing has failed because of an unknown error.", 500, "Receiver");
            respond(ctx, 500, requestId, AwsXml.error(failure, namespace, requestId));
        }
    }

    private QueryOperation find(String action, String version) {
        if (action == null || action.isEmpty()) {
            throw new AwsError("MissingAction", "Missing Action", 400);
        }
        List<QueryOperation> ops = byAction.get(action);
        if (ops == null) {
            throw AwsError.invalidAction(action);
        }
        if (version != null) {
            for (QueryOperation op : ops) {
                if (op.version().equals(version)) {
                    return op;
                }
            }
            throw new AwsError("InvalidAction", "Could not find operation " + action + " for version " + version, 400);
        }
        return ops.get(0);
    }

    /** The signing name a request for {@code op} must be scoped to: the host label of its namespace. */
    static String serviceOf(QueryOperation op) {
        String host = URI.create(op.namespace()).getHost();
        return host.substring(0, host.indexOf('.'));
    }

    /** The region of the signature's credential scope ({@code Credential=KEY/DATE/REGION/SERVICE/aws4_request}). */
    static String regionOf(SignedRequest signed) {
        String authorization = signed.header("Authorization");
        int at = authorization == null ? -1 : authorization.indexOf("Credential=");
        if (at < 0) {
            return null;
        }
        String[] scope = authorization.substring(at + "Credential=".length()).split("[,\\s]", 2)[0].split("/");
        return scope.length == 5 ? scope[2] : null;
    }

    private static void respond(Context ctx, int status, String requestId, String xml) {
        ctx.status(status);
        ctx.header(AwsXml.REQUEST_ID_HEADER, requestId);
        ctx.contentType(AwsXml.CONTENT_TYPE).result(xml);
    }
}
