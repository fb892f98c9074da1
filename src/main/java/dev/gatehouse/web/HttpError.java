package dev.gatehouse.web;

/**
 * A request that cannot be served as asked, with the status and a message safe to show the caller.
 * Thrown by handlers and features alike; {@link WebServer} turns it into a JSON or HTML error response.
 */
public class HttpError extends RuntimeException {
    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, message);
    }

    public static HttpError conflict(String message) {
        return new HttpError(409, message);
    }
}
