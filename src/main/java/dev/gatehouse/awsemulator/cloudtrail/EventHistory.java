package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The console's Event history: the same lookup as {@code LookupEvents} (same attributes, same checks, same tokens),
 * for pages instead of the JSON protocol.
 */
public final class EventHistory {
    private final CloudTrailEvents events;
    private final Clock clock;

    public EventHistory(CloudTrailEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** One page of events, newest first, and the token of the next page ({@code null} on the last). */
    public record Page(List<StoredEvent> events, String nextToken) {
    }

    /**
     * @param attributeKey a LookupEvents attribute key, or {@code null}/empty for none
     * @throws dev.gatehouse.awsemulator.core.AwsError the lookup's own refusals (unknown attribute, bad token)
     */
    public Page page(String accountId, String attributeKey, String value, String nextToken, int limit) {
        ObjectNode request = TrailRecord.JSON.createObjectNode().put("MaxResults", limit);
        if (attributeKey != null && !attributeKey.isEmpty() && value != null && !value.isEmpty()) {
            request.putArray("LookupAttributes").addObject().put("AttributeKey", attributeKey).put("AttributeValue", value);
        }
        if (nextToken != null && !nextToken.isEmpty()) {
            request.put("NextToken", nextToken);
        }
        LookupQuery query = LookupEventsOperation.parse(request, accountId, clock.instant());
        List<StoredEvent> found = events.lookup(query);
        String next = null;
        if (found.size() > query.limit()) {
            found = found.subList(0, query.limit());
            StoredEvent last = found.get(found.size() - 1);
            next = LookupEventsOperation.token(new LookupQuery.Cursor(last.eventTime().toEpochMilli(), last.eventId()),
                    LookupEventsOperation.filterKey(query));
        }
        return new Page(found, next);
    }

    public Optional<StoredEvent> find(String accountId, String eventId) {
        return events.find(accountId, eventId);
    }
}
