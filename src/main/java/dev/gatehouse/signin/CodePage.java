package dev.gatehouse.signin;

import dev.gatehouse.web.Chrome;

/**
 * The second step of signing in: the code form, and "Use a passkey" when the user has one. {@code cancelUrl} starts
 * over with the password; {@code codes} whether the user has a factor answered with a typed code.
 */
public record CodePage(Chrome chrome, String heading, String action, String csrfToken, String error,
                          String cancelUrl, boolean codes, boolean passkey) {
}
