package dev.gatehouse.apps;

import java.time.Instant;

/** An application instance made from a template: where its assertions go and what it is called. */
public record App(String id, AppTemplate template, String displayName, String description, String acsUrl,
                  String audience, String relayState, int sessionDurationSeconds, String entityId,
                  Instant createdAt, Instant updatedAt) {
}
