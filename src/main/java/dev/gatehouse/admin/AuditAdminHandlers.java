package dev.gatehouse.admin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditQuery;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebServer;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit log in the admin console: a filterable table of the newest events, and the same filter exported as
 * JSON lines for a SIEM or a spreadsheet. Read-only, so GET is safe without a CSRF token.
 */
public final class AuditAdminHandlers {
    static final int PAGE_LIMIT = 200;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Views views;
    private final ProductChrome chrome;
    private final AuditLog audit;
    private final AuditTargets targets;

    public AuditAdminHandlers(Views views, ProductChrome chrome, AuditLog audit, Directory directory, Applications apps) {
        this.views = views;
        this.chrome = chrome;
        this.audit = audit;
        this.targets = new AuditTargets(directory, apps);
    }

    public void list(Context ctx) {
        AuditPage.Filter typed = new AuditPage.Filter(param(ctx, "actor"), param(ctx, "target"), param(ctx, "type"),
                param(ctx, "from"), param(ctx, "to"));
        AuditQuery query;
        try {
            query = AuditQuery.parse(ctx::queryParam);
        } catch (AuditQuery.InvalidAuditQueryException e) {
            views.html(ctx, 400, "admin/audit/list.jte", new AuditPage(chrome.of(ctx), typed, audit.types(), List.of(),
                    false, PAGE_LIMIT, null, e.problems().stream().map(AuditQuery.Problem::message).toList()));
            return;
        }
        List<AuditLog.Event> events = audit.search(query, PAGE_LIMIT + 1);
        Map<String, String> names = targets.names(events.stream().limit(PAGE_LIMIT).map(AuditLog.Event::target).toList());
        List<AuditPage.Row> rows = events.stream().limit(PAGE_LIMIT).map(e -> new AuditPage.Row(e.id(),
                WHEN.format(e.at()), e.actor(), e.type(), e.target() == null ? "" : e.target(), names.get(e.target()),
                e.detail() == null ? "" : e.detail())).toList();
        views.html(ctx, 200, "admin/audit/list.jte", new AuditPage(chrome.of(ctx), typed, audit.types(), rows,
                events.size() > PAGE_LIMIT, PAGE_LIMIT, "/admin/audit/export" + queryString(ctx), List.of()));
    }

    /** Every matching event, oldest first, one JSON object per line ({@code application/x-ndjson}). */
    public void export(Context ctx) {
        AuditQuery query;
        try {
            query = AuditQuery.parse(ctx::queryParam);
        } catch (AuditQuery.InvalidAuditQueryException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        ctx.contentType("application/x-ndjson; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"gatehouse-audit.jsonl\"");
        WebServer.securityHeaders(ctx); // now: the after-step would come once the stream has gone out
        // Streamed: an export may cover years of launches, more than should sit in memory at once.
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            audit.export(query, event -> {
                try {
                    out.write(AuditLog.jsonLine(event));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value;
    }

    private static String queryString(Context ctx) {
        String q = AuditQuery.PARAMETERS.stream()
                .filter(p -> ctx.queryParam(p) != null && !ctx.queryParam(p).isBlank())
                .map(p -> p + "=" + URLEncoder.encode(ctx.queryParam(p).strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }
}
