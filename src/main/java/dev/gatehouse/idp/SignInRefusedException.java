package dev.gatehouse.idp;

/**
 * A launch that must not produce an assertion, with a message for the user (for example a RoleSessionName that
 * AWS would reject). Shown on an error page; nothing is sent to the service provider.
 */
public class SignInRefusedException extends RuntimeException {
    private final int status;

    public SignInRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
