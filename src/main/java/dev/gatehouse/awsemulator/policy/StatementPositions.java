package dev.gatehouse.awsemulator.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a policy document starts and ends (line and column, from 1), as the simulation's
 * {@code MatchedStatements} report it. A document that is not readable gives no positions.
 */
final class StatementPositions {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** One statement's span. */
    record Span(int startLine, int startColumn, int endLine, int endColumn) {
    }

    private StatementPositions() {
    }

    static List<Span> of(String json) {
        List<Span> spans = new ArrayList<>();
        if (json == null) {
            return spans;
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return spans;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"Statement".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.START_OBJECT) {
                    spans.add(span(p));
                } else if (value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        spans.add(span(p));
                    }
                }
                return spans;
            }
        } catch (IOException e) {
            return List.of();
        }
        return spans;
    }

    /** At a START_OBJECT: its span, leaving the parser on the matching END_OBJECT. */
    private static Span span(JsonParser p) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        p.skipChildren();
        JsonLocation end = p.currentTokenLocation();
        return new Span(start.getLineNr(), start.getColumnNr(), end.getLineNr(), end.getColumnNr() + 1);
    }
}
