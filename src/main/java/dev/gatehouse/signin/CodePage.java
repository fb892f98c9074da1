package dev.gatehouse.signin;

import dev.gatehouse.web.Chrome;

/** The second step of signing in: the code form. {@code cancelUrl} starts over with the password. */
public record CodePage(Chrome chrome, String heading, String action, String csrfToken, String error,
                          String cancelUrl) {
}
