package dev.gatehouse.awsemulator.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Text the IAM console's pages share: policy JSON laid out for reading, and the notice after a change. */
final class ConsoleText {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConsoleText() {
    }

    /** Indented for reading; the stored text is shown as is when it is not JSON any more. */
    static String pretty(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** The confirmation for {@code ?done=…} after a redirect, or {@code null} for none (or an unknown value). */
    static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "created" -> "Created.";
            case "updated" -> "Saved.";
            case "deleted" -> "Deleted.";
            case "attached" -> "Policy attached.";
            case "detached" -> "Policy detached.";
            case "revoked" -> "Active sessions revoked: sessions begun before now are denied every action.";
            default -> null;
        };
    }
}
