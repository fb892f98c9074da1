package dev.gatehouse.apps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * The JSON API for application instances, templates, attribute mappings and assignments ({@code /api/...}).
 * Administrators only, except metadata (served by the identity provider).
 */
public final class AppsApiHandlers {
    /** An assignment as the API takes and shows it. */
    public record AssignmentBody(String principalType, String principalId) {
    }

    private final Applications apps;
    private final Assignments assignments;
    private final String baseUrl;

    public AppsApiHandlers(Applications apps, Assignments assignments, String baseUrl) {
        this.apps = apps;
        this.assignments = assignments;
        this.baseUrl = baseUrl;
    }

    public void templates(Context ctx) {
        ctx.json(AppTemplate.all().stream().map(t -> Map.of(
                "id", t.id(), "name", t.title(), "description", t.summary(),
                "defaultAcsUrl", t.defaultAcsUrl(), "defaultAudience", t.defaultAudience(),
                "spInitiatedSupported", t.spInitiatedSupported(),
                "maxRoleMappings", t.maxRoleMappings())).toList());
    }

    public void create(Context ctx) {
        AppInput input = body(ctx, AppInput.class);
        Applications.Saved saved = apps.create(WebSecurity.actor(ctx), input);
        ctx.status(201).header("Location", "/api/apps/" + saved.app().id());
        ctx.json(AppView.of(saved.app(), baseUrl, saved.warnings()));
    }

    public void list(Context ctx) {
        ctx.json(apps.list().stream().map(a -> AppView.of(a, baseUrl, List.of())).toList());
    }

    public void get(Context ctx) {
        ctx.json(AppView.of(apps.find(ctx.pathParam("id")), baseUrl, List.of()));
    }

    public void update(Context ctx) {
        String id = ctx.pathParam("id");
        apps.find(id);
        AppInput input = body(ctx, AppInput.class);
        Applications.Saved saved = apps.update(WebSecurity.actor(ctx), id, input);
        ctx.json(AppView.of(saved.app(), baseUrl, saved.warnings()));
    }

    public void delete(Context ctx) {
        apps.delete(WebSecurity.actor(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }

    public void mappings(Context ctx) {
        ctx.json(apps.mappings(ctx.pathParam("id")));
    }

    public void replaceMappings(Context ctx) {
        String id = ctx.pathParam("id");
        apps.find(id);
        List<AttributeMapping> rows = body(ctx, new TypeReference<List<AttributeMapping>>() { });
        if (rows == null) {
            throw HttpError.badRequest("Send a JSON array of {\"attribute\", \"value\", \"format\"} rows.");
        }
        apps.replaceMappings(WebSecurity.actor(ctx), id, rows);
        ctx.json(apps.mappings(id));
    }

    public void listAssignments(Context ctx) {
        String id = ctx.pathParam("id");
        apps.find(id);
        ctx.json(assignments.of(id).stream().map(a -> new AssignmentBody(a.principalType().name(), a.principalId())).toList());
    }

    public void assign(Context ctx) {
        String id = ctx.pathParam("id");
        apps.find(id);
        AssignmentBody body = body(ctx, AssignmentBody.class);
        Assignments.PrincipalType type = principalType(body.principalType());
        boolean created = assignments.assign(WebSecurity.actor(ctx), id, type, body.principalId());
        ctx.status(created ? 201 : 200).json(new AssignmentBody(type.name(), body.principalId()));
    }

    /** DELETE /api/apps/{id}/assignments/{principalType}/{principalId}. */
    public void unassign(Context ctx) {
        remove(ctx, principalType(ctx.pathParam("principalType").toUpperCase()), ctx.pathParam("principalId"));
    }

    /** DELETE /api/apps/{id}/assignments with the same JSON body as the POST that made it. */
    public void unassignByBody(Context ctx) {
        AssignmentBody body = body(ctx, AssignmentBody.class);
        if (body.principalId() == null) {
            throw HttpError.badRequest("principalId is required.");
        }
        remove(ctx, principalType(body.principalType()), body.principalId());
    }

    private void remove(Context ctx, Assignments.PrincipalType type, String principalId) {
        String id = ctx.pathParam("id");
        apps.find(id);
        if (!assignments.remove(WebSecurity.actor(ctx), id, type, principalId)) {
            throw HttpError.notFound("That " + type.name().toLowerCase() + " is not assigned to this application.");
        }
        ctx.status(204);
    }

    private static Assignments.PrincipalType principalType(String value) {
        if ("USER".equals(value)) {
            return Assignments.PrincipalType.USER;
        }
        if ("GROUP".equals(value)) {
            return Assignments.PrincipalType.GROUP;
        }
        throw HttpError.badRequest("principalType must be USER or GROUP.");
    }

    private static <T> T body(Context ctx, Class<T> type) {
        return ApiBodies.object(ctx.body(), type);
    }

    private static <T> T body(Context ctx, TypeReference<T> type) {
        return ApiBodies.read(ctx.body(), type);
    }
}
