package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.directory.UserClaims;

/**
 * One request for an assertion: this user, into this application. IdP-initiated launches make a synthetic one
 * (no {@code inResponseTo}); an AuthnRequest makes one carrying its ID, so both enter the same response steps.
 *
 * @param target where the response goes and how long the session may last: the application's own settings, or
 *               one catalog account's sign-in endpoint and one role's duration
 */
public record SignInRequest(App app, UserClaims user, String relayState, String inResponseTo,
                            Authentication authentication, Target target) {
    /** The Destination and Recipient, the Audience, and the session length the response states. */
    public record Target(String acsUrl, String audience, int sessionDurationSeconds) {
        public static Target of(App app) {
            return new Target(app.acsUrl(), app.audience(), app.sessionDurationSeconds());
        }
    }

    public SignInRequest(App app, UserClaims user, String relayState, String inResponseTo, Authentication authentication) {
        this(app, user, relayState, inResponseTo, authentication, Target.of(app));
    }
}
