package dev.gatehouse.apps;

import java.time.Instant;
import java.util.List;

/** An application instance as the JSON API shows it, with the URLs an administrator needs next. */
public record AppView(String id, String template, String displayName, String description, String acsUrl,
                      String audience, String relayState, int sessionDurationSeconds, String entityId,
                      String metadataUrl, String ssoUrl, Instant createdAt, Instant updatedAt, List<String> warnings) {

    public static AppView of(App app, String baseUrl, List<String> warnings) {
        return new AppView(app.id(), app.template().id(), app.displayName(), app.description(), app.acsUrl(),
                app.audience(), app.relayState(), app.sessionDurationSeconds(), app.entityId(),
                baseUrl + "/api/apps/" + app.id() + "/saml-metadata", baseUrl + "/saml/sso/" + app.id(),
                app.createdAt(), app.updatedAt(), warnings);
    }
}
