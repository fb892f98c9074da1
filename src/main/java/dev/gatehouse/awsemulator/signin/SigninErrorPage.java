package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.web.Chrome;

/**
 * A failed console sign-in, worded as AWS's sign-in page words it.
 *
 * @param invalidResponse {@code true} for "Your request included an invalid SAML response." (then {@code detail}
 *                        is the STS reason shown under it), {@code false} for an STS failure whose AWS text is
 *                        {@code detail}
 * @param heading         AWS's documented heading for an InvalidIdentityToken case, or {@code null}
 */
public record SigninErrorPage(Chrome chrome, boolean invalidResponse, String detail, String heading) {
    public SigninErrorPage(Chrome chrome, boolean invalidResponse, String detail) {
        this(chrome, invalidResponse, detail, null);
    }
}
