package dev.gatehouse.awsemulator.core;

/**
 * An AWS error answer: the code, message and HTTP status AWS uses, rendered as an {@code ErrorResponse} by the
 * Query API and as an alert by the console pages. The message is safe to show the caller.
 */
public class AwsError extends RuntimeException {
    private final String code;
    private final int httpStatus;
    private final String type;

    public AwsError(String code, String message, int httpStatus) {
        this(code, message, httpStatus, "Sender");
    }

    public AwsError(String code, String message, int httpStatus, String type) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.type = type;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String type() {
        return type;
    }

    public static AwsError invalidInput(String message) {
        return new AwsError("InvalidInput", message, 400);
    }

    public static AwsError noSuchEntity(String message) {
        return new AwsError("NoSuchEntity", message, 404);
    }

    public static AwsError entityAlreadyExists(String message) {
        return new AwsError("EntityAlreadyExists", message, 409);
    }

    public static AwsError limitExceeded(String message) {
        return new AwsError("LimitExceeded", message, 409);
    }

    public static AwsError deleteConflict(String message) {
        return new AwsError("DeleteConflict", message, 409);
    }

    public static AwsError malformedPolicyDocument(String message) {
        return new AwsError("MalformedPolicyDocument", message, 400);
    }

    public static AwsError validationError(String message) {
        return new AwsError("ValidationError", message, 400);
    }

    public static AwsError accessDenied(String message) {
        return new AwsError("AccessDenied", message, 403);
    }

    public static AwsError invalidAction(String action) {
        return new AwsError("InvalidAction", "Could not find operation " + action + " for version NO_VERSION_SPECIFIED", 400);
    }

    public static AwsError missingParameter(String name) {
        return new AwsError("MissingParameter", "The request must contain the parameter " + name, 400);
    }

    public static AwsError malformedQueryString(String message) {
        return new AwsError("MalformedQueryString", message, 400);
    }

    public static AwsError missingAuthenticationToken() {
        return new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
    }

    public static AwsError invalidClientTokenId() {
        return new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    }

    public static AwsError signatureDoesNotMatch() {
        return new AwsError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature "
                + "you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", 403);
    }

    /** HTTP 403, as AWS answers it (a client error about credentials, like InvalidClientTokenId). */
    public static AwsError expiredToken() {
        return new AwsError("ExpiredToken", "The security token included in the request is expired", 403);
    }

    public static AwsError incompleteSignature(String message) {
        return new AwsError("IncompleteSignature", message, 400);
    }
}
