package dev.gatehouse.devicelogin;

/**
 * An OAuth error answer (RFC 6749 §5.2, RFC 8628 §3.5): the HTTP status, the {@code error} code and a sentence for
 * the person at the terminal.
 */
public final class OAuthError extends RuntimeException {
    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
