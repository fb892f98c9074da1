package dev.gatehouse.admin;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.provisioning.ProvisioningException;
import dev.gatehouse.provisioning.PushQueue;
import dev.gatehouse.provisioning.PushTargets;
import dev.gatehouse.provisioning.ScimPush;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@code /admin/apps/{id}/provisioning}: an application's SCIM push target (URL and write-only bearer token),
 * "Push now", and its latest pushes. A bad URL or token answers the page with the reason (400) and saves nothing.
 */
public final class ProvisioningAdminHandlers {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int SHOWN = 50;

    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final Applications apps;
    private final ScimPush push;

    public ProvisioningAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, Applications apps, ScimPush push) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.apps = apps;
        this.push = push;
    }

    /** GET /admin/apps/{id}/provisioning. */
    public void page(Context ctx) {
        show(ctx, 200, app(ctx), null, List.of(), null);
    }

    /** POST: saves the target (an empty token keeps the stored one) and queues every assigned user. */
    public void save(Context ctx) {
        App app = app(ctx);
        String url = ctx.formParam("baseUrl");
        try {
            push.targets().save(WebSecurity.actor(ctx), app.id(), url, ctx.formParam("token"));
        } catch (ProvisioningException e) {
            show(ctx, 400, app, url, List.of(e.getMessage()), null);
            return;
        }
        int queued = push.enqueueAll(app.id());
        show(ctx, 200, app, null, List.of(), "Saved. " + queued + (queued == 1 ? " user is" : " users are") + " queued for a push.");
    }

    /** POST …/remove: stops pushing; the users already there stay as they are. */
    public void remove(Context ctx) {
        App app = app(ctx);
        boolean removed = push.targets().remove(WebSecurity.actor(ctx), app.id());
        show(ctx, removed ? 200 : 409, app, null, removed ? List.of() : List.of("This application has no SCIM target."),
                removed ? "SCIM push is off for this application." : null);
    }

    /** POST …/push: makes waiting pushes due now, gives failed ones another round, and runs them. */
    public void pushNow(Context ctx) {
        App app = app(ctx);
        if (push.targets().view(app.id()).isEmpty()) {
            show(ctx, 409, app, null, List.of("Set the SCIM target first."), null);
            return;
        }
        int retried = push.retryFailedAndRunNow(app.id());
        show(ctx, 200, app, null, List.of(), "Ran " + retried + (retried == 1 ? " push." : " pushes."));
    }

    private App app(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return apps.find(id);
        } catch (NoSuchElementException e) {
            throw HttpError.notFound("There is no application with id " + id + ".");
        }
    }

    private void show(Context ctx, int status, App app, String typedUrl, List<String> errors, String notice) {
        Optional<PushTargets.TargetView> target = push.targets().view(app.id());
        List<ProvisioningPage.Row> rows = push.queue().recent(app.id(), SHOWN).stream().map(ProvisioningAdminHandlers::row).toList();
        String url = typedUrl != null ? typedUrl : target.map(PushTargets.TargetView::baseUrl).orElse("");
        views.html(ctx, status, "admin/apps/provisioning.jte", new ProvisioningPage(chrome.of(ctx), security.csrfToken(ctx),
                AppPages.AppHeader.of(app, "provisioning"),
                app.template().id().equals("custom-saml"), url, target.isPresent(),
                target.map(t -> time(t.updatedAt())).orElse(null), rows, errors, notice));
    }

    private static ProvisioningPage.Row row(PushQueue.Push p) {
        return new ProvisioningPage.Row(p.id(), p.userName() == null ? p.userId() : p.userName(), p.reason(), p.status(),
                p.action() == null ? "" : p.action(), p.attempts(),
                p.status().equals("PENDING") ? time(p.nextAttemptAt()) : "", p.lastError() == null ? "" : p.lastError(),
                time(p.updatedAt()));
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
