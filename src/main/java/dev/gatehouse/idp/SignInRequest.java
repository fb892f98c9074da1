package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.directory.UserClaims;

/**
 * One request for an assertion: this user, into this application. IdP-initiated launches make a synthetic one
 * (no {@code inResponseTo}); an AuthnRequest makes one carrying its ID, so both enter the same response steps.
 */
public record SignInRequest(App app, UserClaims user, String relayState, String inResponseTo,
                            Authentication authentication) {
}
