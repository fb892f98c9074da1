package dev.gatehouse.web;

import io.javalin.http.Context;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.util.Optional;

/**
 * Failures that are the caller's doing although they surface as exceptions from deep inside Jetty: a body the
 * server cannot parse (broken multipart, bad chunked encoding), one cut short by an early end of stream, one over
 * the size limit. Each becomes a 4xx and one log line without a stack trace.
 */
public final class ClientFaults {
    private static final Logger log = LoggerFactory.getLogger(ClientFaults.class);
    private static final int MAX_CAUSES = 16;

    private ClientFaults() {
    }

    /** The 4xx {@code failure} amounts to, if somewhere in its causes it is the client's mistake. */
    public static Optional<HttpError> of(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof HttpError e) {
                return Optional.of(e);
            }
            if (t instanceof BadMessageException e && e.getCode() >= 400 && e.getCode() < 500) {
                return Optional.of(new HttpError(e.getCode(), e.getCode() == 413
                        ? "The request is too large." : "The request body could not be read: it is malformed."));
            }
            if (t instanceof EofException || t instanceof EOFException) {
                return Optional.of(HttpError.badRequest("The request body ended before it was complete."));
            }
        }
        return Optional.empty();
    }

    /** The one line a refused request logs: method, path, status and reason, control characters escaped. */
    public static void logRefusal(Context ctx, HttpError error) {
        log.info("Refused {} {}: {} {}", ctx.method(), printable(ctx.path()), error.status(), printable(error.getMessage()));
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
