package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.JsonOperation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * CloudTrail {@code LookupEvents} (API version 2013-11-01) over JSON 1.1: the caller's account's events of the last
 * 90 days, newest first, filtered on at most one lookup attribute and a time range, 50 a page at most, with an
 * opaque {@code NextToken} that is only valid with the same filter. Errors are the model's exceptions.
 */
public final class LookupEventsOperation implements JsonOperation {
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
    static final int MAX_RESULTS = 50;

    private final CloudTrailEvents events;
    private final Clock clock;

    public LookupEventsOperation(CloudTrailEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String operation() {
        return "LookupEvents";
    }

    @Override
    public String signingName() {
        return "cloudtrail";
    }

    @Override
    public String handle(JsonNode request, CallerIdentity caller) {
        LookupQuery query = parse(request, caller.accountId(), clock.instant());
        if (request.hasNonNull("EventCategory") && !request.get("EventCategory").asText().equals("insight")) {
            throw new AwsError("InvalidEventCategoryException", "Event category is not valid.", 400);
        }
        ObjectNode out = TrailRecord.JSON.createObjectNode();
        ArrayNode list = out.putArray("Events");
        if (request.hasNonNull("EventCategory")) {
            return write(out); // no Insights events: Insights is not emulated
        }
        List<StoredEvent> page = events.lookup(query);
        for (StoredEvent e : page.subList(0, Math.min(page.size(), query.limit()))) {
            ObjectNode item = list.addObject().put("EventId", e.eventId()).put("EventName", e.eventName())
                    .put("ReadOnly", Boolean.toString(e.readOnly()));
            if (e.accessKeyId() != null) {
                item.put("AccessKeyId", e.accessKeyId());
            }
            item.put("EventTime", e.eventTime().getEpochSecond()).put("EventSource", e.eventSource());
            if (e.username() != null) {
                item.put("Username", e.username());
            }
            ArrayNode resources = item.putArray("Resources");
            e.resources().forEach(r -> resources.addObject().put("ResourceType", r.type()).put("ResourceName", r.name()));
            item.put("CloudTrailEvent", e.recordJson());
        }
        if (page.size() > query.limit()) {
            StoredEvent last = page.get(query.limit() - 1);
            out.put("NextToken", token(new LookupQuery.Cursor(last.eventTime().toEpochMilli(), last.eventId()), filterKey(query)));
        }
        return write(out);
    }

    /** Validates the request as CloudTrail does and turns it into a query of {@code accountId}'s events. */
    static LookupQuery parse(JsonNode request, String accountId, Instant now) {
        LookupQuery.Attribute attribute = null;
        String value = null;
        JsonNode attributes = request.path("LookupAttributes");
        if (!attributes.isMissingNode() && !attributes.isNull()) {
            if (!attributes.isArray() || attributes.size() > 1) {
                throw invalidAttributes("You cannot specify more than one lookup attribute.");
            }
            if (attributes.size() == 1) {
                JsonNode a = attributes.get(0);
                String key = a.path("AttributeKey").asText("");
                value = a.path("AttributeValue").asText("");
                try {
                    attribute = LookupQuery.Attribute.valueOf(key);
                } catch (IllegalArgumentException e) {
                    throw invalidAttributes("Lookup attribute key " + key + " is not valid.");
                }
                if (value.isEmpty() || value.length() > 2000) {
                    throw invalidAttributes("Lookup attribute value must be between 1 and 2000 characters.");
                }
                if (attribute == LookupQuery.Attribute.ReadOnly && !value.equals("true") && !value.equals("false")) {
                    throw invalidAttributes("The value of ReadOnly must be true or false.");
                }
            }
        }
        Instant oldest = now.minus(CloudTrailEvents.RETENTION);
        Instant start = time(request, "StartTime", oldest);
        Instant end = time(request, "EndTime", now);
        if (start.isAfter(end)) {
            throw new AwsError("InvalidTimeRangeException", "Start time must be before the end time.", 400);
        }
        if (start.isBefore(oldest)) {
            start = oldest;
        }
        int limit = MAX_RESULTS;
        if (request.hasNonNull("MaxResults")) {
            JsonNode m = request.get("MaxResults");
            if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > MAX_RESULTS) {
                throw new AwsError("InvalidMaxResultsException", "MaxResults must be between 1 and 50.", 400);
            }
            limit = m.asInt();
        }
        LookupQuery query = new LookupQuery(accountId, attribute, value, start, end, limit, null);
        if (request.hasNonNull("NextToken")) {
            query = new LookupQuery(accountId, attribute, value, start, end, limit,
                    cursor(request.get("NextToken").asText(), filterKey(query)));
        }
        return query;
    }

    /** A JSON timestamp: epoch seconds (botocore and the SDKs send a number) or an ISO-8601 string. */
    private static Instant time(JsonNode request, String name, Instant absent) {
        JsonNode t = request.get(name);
        if (t == null || t.isNull()) {
            return absent;
        }
        try {
            if (t.isNumber()) {
                BigDecimal millis = t.decimalValue().movePointRight(3);
                if (millis.signum() < 0 || millis.compareTo(BigDecimal.valueOf(253402300799000L)) > 0) {
                    throw invalidTime();
                }
                return Instant.ofEpochMilli(millis.longValue());
            }
            return Instant.parse(t.asText());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalidTime();
        }
    }

    private static AwsError invalidTime() {
        return new AwsError("InvalidTimeRangeException", "Time range is not valid.", 400);
    }

    private static AwsError invalidAttributes(String message) {
        return new AwsError("InvalidLookupAttributesException", message, 400);
    }

    /** The filter a token belongs to: the same attribute and value (time bounds move as a console page refreshes). */
    static String filterKey(LookupQuery q) {
        return Integer.toHexString((q.attribute() + "=" + q.value()).hashCode());
    }

    static String token(LookupQuery.Cursor cursor, String filter) {
        String raw = "1|" + cursor.eventTimeMillis() + "|" + cursor.eventId() + "|" + filter;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static LookupQuery.Cursor cursor(String token, String filter) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 4 && parts[0].equals("1") && parts[3].equals(filter) && parts[2].length() <= 36) {
                return new LookupQuery.Cursor(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw new AwsError("InvalidNextTokenException", "Invalid NextToken.", 400);
    }

    private static String write(ObjectNode out) {
        try {
            return TrailRecord.JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
