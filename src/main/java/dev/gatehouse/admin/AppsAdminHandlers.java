package dev.gatehouse.admin;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.AppTemplate;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.AssignablePrincipals;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.InvalidAppException;
import dev.gatehouse.apps.Placeholders;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The admin console's application pages: list, create, configure, attribute mappings and assignments. */
public final class AppsAdminHandlers {
    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final Applications apps;
    private final Assignments assignments;
    private final SigningKeyStore keys;
    private final AssignablePrincipals principals;
    private final String baseUrl;
    private final java.time.Clock clock;

    public AppsAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, Applications apps,
                             Assignments assignments, SigningKeyStore keys, AssignablePrincipals principals,
                             String baseUrl, java.time.Clock clock) {
        this.clock = clock;
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.apps = apps;
        this.assignments = assignments;
        this.keys = keys;
        this.principals = principals;
        this.baseUrl = baseUrl;
    }

    /** GET /admin: the console opens on the applications. */
    public void consoleHome(Context ctx) {
        ctx.redirect("/admin/apps");
    }

    public void list(Context ctx) {
        java.time.Instant now = clock.instant();
        List<AppPages.ListPage.Row> rows = apps.list().stream().map(a -> new AppPages.ListPage.Row(a.id(),
                a.displayName(), a.template().title(), a.acsUrl(), assignments.of(a.id()).size(),
                java.time.Duration.between(now, keys.activeKey(a.id()).notAfter()).toDays())).toList();
        views.html(ctx, "admin/apps/list.jte", new AppPages.ListPage(chrome.of(ctx), rows, notice(ctx)));
    }

    public void newForm(Context ctx) {
        showNew(ctx, 200, AppTemplate.all().get(0).id(), "", "", "", "", List.of());
    }

    public void create(Context ctx) {
        String template = ctx.formParam("template");
        String name = ctx.formParam("displayName");
        String description = ctx.formParam("description");
        // Blank means "the template's default" (AWS's sign-in URL and audience); a custom SAML SP must give its own.
        String acsUrl = nullToEmpty(ctx.formParam("acsUrl")).trim();
        String audience = nullToEmpty(ctx.formParam("audience")).trim();
        try {
            Applications.Saved saved = apps.create(WebSecurity.actor(ctx), new AppInput(template, name, description,
                    acsUrl.isEmpty() ? null : acsUrl, audience.isEmpty() ? null : audience, null, null));
            String notice = saved.warnings().isEmpty() ? "Application created." : String.join(" ", saved.warnings());
            ctx.redirect("/admin/apps/" + saved.app().id() + "?notice=" + url(notice), HttpStatus.SEE_OTHER);
        } catch (InvalidAppException e) {
            showNew(ctx, 400, template, name, description, acsUrl, audience, e.problems());
        }
    }

    public void configure(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        showConfigure(ctx, 200, app, app.displayName(), app.description(), app.acsUrl(), app.audience(),
                app.relayState(), app.sessionDurationSeconds(), List.of(), List.of(), notice(ctx));
    }

    public void saveConfiguration(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        String duration = ctx.formParam("sessionDurationSeconds");
        Integer seconds = duration != null && duration.matches("\\d{1,6}") ? Integer.valueOf(duration) : Integer.valueOf(-1);
        AppInput input = new AppInput(null, ctx.formParam("displayName"), nullToEmpty(ctx.formParam("description")),
                ctx.formParam("acsUrl"), ctx.formParam("audience"), nullToEmpty(ctx.formParam("relayState")), seconds);
        try {
            Applications.Saved saved = apps.update(WebSecurity.actor(ctx), app.id(), input);
            App a = saved.app();
            showConfigure(ctx, 200, a, a.displayName(), a.description(), a.acsUrl(), a.audience(), a.relayState(),
                    a.sessionDurationSeconds(), List.of(), saved.warnings(), "Changes saved.");
        } catch (InvalidAppException e) {
            showConfigure(ctx, 400, app, input.displayName(), input.description(), input.acsUrl(), input.audience(),
                    input.relayState(), seconds, e.problems(), List.of(), null);
        }
    }

    public void delete(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        apps.delete(WebSecurity.actor(ctx), app.id());
        ctx.redirect("/admin/apps?notice=" + url("Deleted " + app.displayName() + "."), HttpStatus.SEE_OTHER);
    }

    public void mappings(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        showMappings(ctx, 200, app, apps.mappings(app.id()), List.of(), notice(ctx));
    }

    /** The form posts parallel lists attribute[], value[], format[] and remove[] (indexes of rows to drop). */
    public void saveMappings(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        List<String> attributes = ctx.formParams("attribute");
        List<String> values = ctx.formParams("value");
        List<String> formats = ctx.formParams("format");
        List<String> removed = ctx.formParams("remove");
        List<AttributeMapping> rows = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            String attribute = attributes.get(i).trim();
            String value = i < values.size() ? values.get(i).trim() : "";
            String format = i < formats.size() ? formats.get(i) : "unspecified";
            if (removed.contains(String.valueOf(i)) || (attribute.isEmpty() && value.isEmpty())) {
                continue;
            }
            rows.add(new AttributeMapping(attribute, value, format));
        }
        try {
            apps.replaceMappings(WebSecurity.actor(ctx), app.id(), rows);
            ctx.redirect("/admin/apps/" + app.id() + "/mappings?notice=" + url("Attribute mappings saved."), HttpStatus.SEE_OTHER);
        } catch (InvalidAppException e) {
            showMappings(ctx, 400, app, rows, e.problems(), null);
        }
    }

    public void assignmentsPage(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        showAssignments(ctx, 200, app, List.of(), notice(ctx));
    }

    public void assign(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        String value = ctx.formParam("principal");
        String[] parts = value == null ? new String[0] : value.split(":", 2);
        Map<String, String> known = options(parts.length == 2 && "GROUP".equals(parts[0]) ? principals.groups() : principals.users());
        if (parts.length != 2 || !(parts[0].equals("USER") || parts[0].equals("GROUP")) || !known.containsKey(parts[1])) {
            showAssignments(ctx, 400, app, List.of("Choose a user or a group to assign."), null);
            return;
        }
        boolean created = assignments.assign(WebSecurity.actor(ctx), app.id(), Assignments.PrincipalType.valueOf(parts[0]), parts[1]);
        String notice = (created ? "Assigned " : "Already assigned: ") + known.get(parts[1]) + ".";
        ctx.redirect("/admin/apps/" + app.id() + "/assignments?notice=" + url(notice), HttpStatus.SEE_OTHER);
    }

    public void unassign(Context ctx) {
        App app = apps.find(ctx.pathParam("id"));
        String type = ctx.formParam("principalType");
        String id = ctx.formParam("principalId");
        if (type != null && id != null && (type.equals("USER") || type.equals("GROUP"))) {
            assignments.remove(WebSecurity.actor(ctx), app.id(), Assignments.PrincipalType.valueOf(type), id);
        }
        ctx.redirect("/admin/apps/" + app.id() + "/assignments?notice=" + url("Assignment removed."), HttpStatus.SEE_OTHER);
    }

    private void showNew(Context ctx, int status, String template, String name, String description, String acsUrl,
                         String audience, List<String> errors) {
        List<AppPages.NewPage.TemplateChoice> choices = AppTemplate.all().stream()
                .map(t -> new AppPages.NewPage.TemplateChoice(t.id(), t.title(), t.summary())).toList();
        views.html(ctx, status, "admin/apps/new.jte", new AppPages.NewPage(chrome.of(ctx), security.csrfToken(ctx),
                choices, template, name, description, acsUrl, audience, errors));
    }

    private void showConfigure(Context ctx, int status, App app, String name, String description, String acsUrl,
                               String audience, String relayState, int duration, List<String> errors,
                               List<String> warnings, String notice) {
        String expiry = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(keys.activeKey(app.id()).notAfter());
        views.html(ctx, status, "admin/apps/configure.jte", new AppPages.ConfigurePage(chrome.of(ctx),
                security.csrfToken(ctx), header(app, "configure"), name, description, acsUrl, audience, relayState,
                duration, app.entityId(), baseUrl + "/saml/sso/" + app.id(),
                "/api/apps/" + app.id() + "/saml-metadata?download=1", expiry, app.template().spInitiatedSupported(),
                errors, warnings, notice));
    }

    private void showMappings(Context ctx, int status, App app, List<AttributeMapping> rows, List<String> errors, String notice) {
        views.html(ctx, status, "admin/apps/mappings.jte", new AppPages.MappingsPage(chrome.of(ctx),
                security.csrfToken(ctx), header(app, "mappings"), rows, app.template().maxRoleMappings() == 1,
                Placeholders.knownList(), errors, notice));
    }

    private void showAssignments(Context ctx, int status, App app, List<String> errors, String notice) {
        Map<String, String> users = options(principals.users());
        Map<String, String> groups = options(principals.groups());
        List<AppPages.AssignmentsPage.Assigned> assigned = assignments.of(app.id()).stream()
                .map(a -> new AppPages.AssignmentsPage.Assigned(a.principalType().name(), a.principalId(),
                        (a.principalType() == Assignments.PrincipalType.USER ? users : groups)
                                .getOrDefault(a.principalId(), a.principalId() + " (deleted)")))
                .toList();
        views.html(ctx, status, "admin/apps/assignments.jte", new AppPages.AssignmentsPage(chrome.of(ctx),
                security.csrfToken(ctx), header(app, "assignments"), assigned, principals.users(), principals.groups(),
                errors, notice));
    }

    private static AppPages.AppHeader header(App app, String tab) {
        return AppPages.AppHeader.of(app, tab);
    }

    private static Map<String, String> options(List<AssignablePrincipals.Choice> options) {
        return options.stream().collect(Collectors.toMap(AssignablePrincipals.Choice::id, AssignablePrincipals.Choice::label, (a, b) -> a));
    }

    private static String notice(Context ctx) {
        String n = ctx.queryParam("notice");
        return n == null || n.length() > 500 ? null : n;
    }


    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
