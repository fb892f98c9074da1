package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.cloudtrail.EventHistory;
import dev.gatehouse.awsemulator.cloudtrail.StoredEvent;
import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.web.Chrome;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudTrail's Event history in the emulated console: the account's events newest first, filtered on one lookup
 * attribute as the real console filters, 25 a page, and one event's record.
 */
public final class EventHistoryHandlers {
    static final int PAGE_SIZE = 25;
    static final List<String> ATTRIBUTES = List.of("EventName", "Username", "ResourceName", "ResourceType", "EventSource",
            "EventId", "AccessKeyId", "ReadOnly");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final com.fasterxml.jackson.databind.ObjectMapper RECORD = new com.fasterxml.jackson.databind.ObjectMapper();

    private final EventHistory history;
    private final Views views;

    public EventHistoryHandlers(EventHistory history, Views views) {
        this.history = history;
        this.views = views;
    }

    /** A row of the list. */
    public record EventRow(String eventId, String time, String eventName, String username, String eventSource,
                           String resources, String error) {
    }

    /** {@code awsemulator/cloudtrail/events.jte}. */
    public record EventsPage(Chrome chrome, List<String> attributes, String attribute, String value, List<EventRow> rows,
                             String nextHref, String error) {
    }

    /** {@code awsemulator/cloudtrail/event.jte}. */
    public record EventPage(Chrome chrome, EventRow event, String record) {
    }

    /** {@code GET /console/cloudtrail}. */
    public void list(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        String attribute = text(ctx.queryParam("attribute"));
        String value = text(ctx.queryParam("value")).trim();
        List<EventRow> rows = new ArrayList<>();
        String next = null;
        String error = null;
        try {
            EventHistory.Page page = history.page(s.accountId(), ATTRIBUTES.contains(attribute) ? attribute : null, value,
                    text(ctx.queryParam("next")), PAGE_SIZE);
            page.events().forEach(e -> rows.add(row(e)));
            if (page.nextToken() != null) {
                next = "/console/cloudtrail?attribute=" + enc(attribute) + "&value=" + enc(value) + "&next=" + enc(page.nextToken());
            }
        } catch (AwsError e) {
            error = e.getMessage();
        }
        views.html(ctx, error == null ? 200 : 400, "awsemulator/cloudtrail/events.jte", new EventsPage(
                ConsoleChrome.of(s, "events"), ATTRIBUTES, attribute, value, rows, next, error));
    }

    /** {@code GET /console/cloudtrail/events/{id}}. */
    public void detail(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        StoredEvent e = history.find(s.accountId(), ctx.pathParam("id"))
                .orElseThrow(() -> new AwsError("ResourceNotFound", "No event with this id.", 404));
        views.html(ctx, "awsemulator/cloudtrail/event.jte", new EventPage(ConsoleChrome.of(s, "events"), row(e),
                ConsoleText.pretty(e.recordJson())));
    }

    private static EventRow row(StoredEvent e) {
        String error;
        try {
            error = RECORD.readTree(e.recordJson()).path("errorCode").asText(null);
        } catch (java.io.IOException unreadable) {
            error = null;
        }
        List<String> names = new ArrayList<>();
        e.resources().forEach(r -> names.add(r.type() + " " + r.name()));
        return new EventRow(e.eventId(), TIME.format(e.eventTime()), e.eventName(), e.username() == null ? "" : e.username(),
                e.eventSource(), String.join(", ", names), error);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
