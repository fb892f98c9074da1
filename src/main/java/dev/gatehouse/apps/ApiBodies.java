package dev.gatehouse.apps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.WebServer;

/** Reads the apps API's JSON request bodies, turning every malformed one into a 400 that says what is wrong. */
final class ApiBodies {
    private ApiBodies() {
    }

    /** A JSON object of {@code type}; empty bodies, {@code null} and unknown fields are refused. */
    static <T> T object(String body, Class<T> type) {
        T value = parse(body, () -> WebServer.JSON.readValue(body, type));
        if (value == null) {
            throw HttpError.badRequest("The request body must be a JSON object.");
        }
        return value;
    }

    static <T> T read(String body, TypeReference<T> type) {
        return parse(body, () -> WebServer.JSON.readValue(body, type));
    }

    private interface Reader<T> {
        T read() throws java.io.IOException;
    }

    private static <T> T parse(String body, Reader<T> reader) {
        if (body == null || body.isBlank()) {
            throw HttpError.badRequest("The request body is empty; send JSON.");
        }
        try {
            return reader.read();
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw HttpError.badRequest("Unknown field \"" + e.getPropertyName() + "\".");
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("The request body is not valid JSON for this call.");
        }
    }
}
