package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.web.WebServer;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS side's console page ({@code /admin/apps/{id}/aws}: the target, its trust policy, the bundles, *Check
 * setup*), the error decoder page ({@code /admin/aws-errors}) and their JSON API. All reads: GET only.
 */
public final class AwsSideHandlers {
    private final AwsSide side;
    private final AssertionEncryption encryption;
    private final Views views;
    private final ProductChrome chrome;
    private final WebSecurity security;

    public AwsSideHandlers(AwsSide side, AssertionEncryption encryption, Views views, WebSecurity security, ProductChrome chrome) {
        this.encryption = encryption;
        this.security = security;
        this.side = side;
        this.views = views;
        this.chrome = chrome;
    }

    /** GET /admin/apps/{id}/aws, with {@code ?check=1} after *Check setup*. */
    public void page(Context ctx) {
        App app = awsApp(ctx);
        show(ctx, 200, app, ctx.queryParam("check") != null ? noTarget(() -> side.checks(app.id())) : null, List.of());
    }

    private void show(Context ctx, int status, App app, List<Finding> findings, List<String> errors) {
        show(ctx, status, app, findings, errors, List.of());
    }

    private void show(Context ctx, int status, App app, List<Finding> findings, List<String> errors, List<String> encryptionErrors) {
        Optional<AwsTarget> target = side.target(app.id());
        views.html(ctx, status, "admin/apps/aws.jte", new AwsSidePage(chrome.of(ctx), security.csrfToken(ctx), app.id(),
                app.displayName(), app.template().title(), target.orElse(null), target.map(TrustPolicy::json).orElse(null),
                findings, side.connections().summary(app.id()).orElse(null), ConnectionPolicy.json(target.orElse(null)), errors,
                ctx.queryParam("saved") != null && errors.isEmpty(),
                app.template() instanceof dev.gatehouse.apps.AwsAccountCatalogTemplate,
                side.catalogTargets(app.id()).entrySet().stream().map(e -> new AwsSidePage.CatalogAccountRow(e.getKey().accountId(),
                        e.getKey().displayName(), e.getKey().providerArn(), e.getValue().size())).toList(),
                new EncryptionSection(encryption.current(app.id()).orElse(null), !side.connectedAccounts(app.id()).isEmpty(),
                        app.acsUrl(), encryptionErrors, ctx.queryParam("encrypted") != null && encryptionErrors.isEmpty())));
    }

    /** POST /admin/apps/{id}/aws/encryption: encrypt to an uploaded certificate. */
    public void uploadEncryption(Context ctx) {
        changeEncryption(ctx, app -> encryption.upload(WebSecurity.actor(ctx), app.id(), ctx.formParam("certificatePem")));
    }

    /** POST /admin/apps/{id}/aws/encryption/generate: make a key pair and push its private key to the connected accounts. */
    public void generateEncryption(Context ctx) {
        changeEncryption(ctx, app -> encryption.generateAndPush(WebSecurity.actor(ctx), app.id(), ctx.formParam("mode")));
    }

    /** POST /admin/apps/{id}/aws/encryption/delete: stop encrypting. */
    public void removeEncryption(Context ctx) {
        changeEncryption(ctx, app -> encryption.remove(WebSecurity.actor(ctx), app.id()));
    }

    private void changeEncryption(Context ctx, java.util.function.Consumer<App> change) {
        App app = awsApp(ctx);
        try {
            change.accept(app);
        } catch (AssertionEncryption.Refused e) {
            show(ctx, 400, app, null, List.of(), List.of(e.getMessage()));
            return;
        }
        ctx.redirect("/admin/apps/" + app.id() + "/aws?encrypted=1#encryption", HttpStatus.SEE_OTHER);
    }

    /** POST /admin/apps/{id}/aws/connection: the connection form (a blank secret keeps the stored one). */
    public void saveConnection(Context ctx) {
        App app = awsApp(ctx);
        try {
            side.connections().save(WebSecurity.actor(ctx), app.id(), new AwsConnection(ctx.formParam("accessKeyId"),
                    ctx.formParam("secretAccessKey"), ctx.formParam("region"), ctx.formParam("iamEndpoint"),
                    ctx.formParam("stsEndpoint"), ctx.formParam("cloudTrailEndpoint")));
        } catch (AwsConnections.Invalid e) {
            show(ctx, 400, app, null, e.problems());
            return;
        }
        ctx.redirect("/admin/apps/" + app.id() + "/aws?saved=1", HttpStatus.SEE_OTHER);
    }

    /** POST /admin/apps/{id}/aws/connection/delete. */
    public void removeConnection(Context ctx) {
        App app = awsApp(ctx);
        side.connections().remove(WebSecurity.actor(ctx), app.id());
        ctx.redirect("/admin/apps/" + app.id() + "/aws", HttpStatus.SEE_OTHER);
    }

    /** GET /api/apps/{id}/aws-connection: the saved connection without its secret, or 404. */
    public void connectionJson(Context ctx) {
        App app = awsApp(ctx);
        ctx.json(side.connections().summary(app.id()).orElseThrow(() -> HttpError.notFound(app.displayName() + " has no account connection.")));
    }

    /** PUT /api/apps/{id}/aws-connection: {"accessKeyId","secretAccessKey","region","iamEndpoint","stsEndpoint","cloudTrailEndpoint"}. */
    public void putConnection(Context ctx) {
        App app = awsApp(ctx);
        AwsConnection in;
        try {
            in = WebServer.JSON.readValue(ctx.body(), AwsConnection.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw HttpError.badRequest("The body must be a JSON object with accessKeyId, secretAccessKey and, optionally, region and the endpoints.");
        }
        if (in == null) {
            throw HttpError.badRequest("The body must be a JSON object.");
        }
        try {
            side.connections().save(WebSecurity.actor(ctx), app.id(), in);
        } catch (AwsConnections.Invalid e) {
            throw HttpError.badRequest(e.getMessage());
        }
        ctx.json(side.connections().summary(app.id()).orElseThrow());
    }

    /** DELETE /api/apps/{id}/aws-connection. */
    public void deleteConnection(Context ctx) {
        App app = awsApp(ctx);
        if (!side.connections().remove(WebSecurity.actor(ctx), app.id())) {
            throw HttpError.notFound(app.displayName() + " has no account connection.");
        }
        ctx.status(204);
    }

    /** GET /admin/audit/{id}/aws: the CloudTrail events of the session a launch started. */
    public void whatHappened(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw HttpError.notFound("There is no audit entry " + ctx.pathParam("id") + ".");
        }
        AwsSide.WhatHappened result;
        try {
            result = side.whatHappened(id);
        } catch (java.util.NoSuchElementException e) {
            throw HttpError.notFound(e.getMessage());
        }
        views.html(ctx, "admin/audit/aws.jte", new WhatHappenedPage(chrome.of(ctx), result.launch(), result.joined(), result.problem()));
    }

    /** GET /api/apps/{id}/aws-bundle/{format}: cloudformation, terraform or script, as a download. */
    public void bundle(Context ctx) {
        App app = awsApp(ctx);
        TargetBundle.Format format = TargetBundle.Format.named(ctx.pathParam("format"));
        if (format == null) {
            throw HttpError.notFound("There is no bundle format \"" + ctx.pathParam("format") + "\": use cloudformation, terraform or script.");
        }
        String account = ctx.queryParam("account");
        String text = noTarget(() -> side.bundle(app.id(), format, account));
        ctx.header("Content-Disposition", "attachment; filename=\"" + side.bundleFileName(app.id(), format, account) + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(format.mediaType + "; charset=utf-8").result(text);
    }

    /** GET /api/apps/{id}/checks: the pre-flight findings as JSON. */
    public void checks(Context ctx) {
        App app = awsApp(ctx);
        ctx.json(Map.of("appId", app.id(), "findings", noTarget(() -> side.checks(app.id()))));
    }

    /** GET /api/aws-errors?text=…: what the pasted AWS error likely means, as JSON. */
    public void decodeJson(Context ctx) {
        String text = ctx.queryParam("text");
        if (text == null || text.isBlank()) {
            throw HttpError.badRequest("Give the AWS error's code, message or page text as ?text=.");
        }
        ctx.json(Map.of("matches", AwsErrorDecoder.decode(text)));
    }

    /** GET /admin/aws-errors, with {@code ?text=} once something is pasted. */
    public void decodePage(Context ctx) {
        String text = ctx.queryParam("text");
        String shown = text == null ? "" : text.length() > AwsErrorDecoder.MAX_TEXT ? text.substring(0, AwsErrorDecoder.MAX_TEXT) : text;
        views.html(ctx, "admin/aws-errors.jte", new AwsErrorsPage(chrome.of(ctx), shown,
                text == null || text.isBlank() ? null : AwsErrorDecoder.decode(text), AwsErrorDecoder.known()));
    }

    private App awsApp(Context ctx) {
        try {
            return side.awsApp(ctx.pathParam("id"));
        } catch (java.util.NoSuchElementException e) {
            throw HttpError.notFound(e.getMessage());
        } catch (AwsSide.NoTarget e) {
            throw new HttpError(409, e.getMessage());
        }
    }

    private static <T> T noTarget(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (AwsSide.NoTarget e) {
            throw new HttpError(409, e.getMessage());
        }
    }
}
