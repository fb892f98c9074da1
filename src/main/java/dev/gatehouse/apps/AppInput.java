package dev.gatehouse.apps;

/**
 * What an administrator sends to create or change an instance (the JSON body of {@code /api/apps} and the
 * configure form). On change, a {@code null} field stays as it was; an empty description or relay state clears it.
 */
public record AppInput(String template, String displayName, String description, String acsUrl, String audience,
                       String relayState, Integer sessionDurationSeconds) {
}
