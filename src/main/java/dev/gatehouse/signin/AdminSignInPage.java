package dev.gatehouse.signin;

import dev.gatehouse.web.Chrome;

/** The admin console's sign-in form; {@code error} is shown above it when set. */
public record AdminSignInPage(Chrome chrome, String csrfToken, String userName, String next, String error) {
}
