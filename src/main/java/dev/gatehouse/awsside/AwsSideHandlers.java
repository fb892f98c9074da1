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

    /** GET /admin/apps/{id}/aws, with {@code ?account=} for one catalog account and {@code ?check=1} after *Check setup*. */
    public void page(Context ctx) {
        App app = awsApp(ctx);
        String account = noTarget(() -> accountParam(ctx, app));
        show(ctx, 200, app, account, ctx.queryParam("check") != null ? noTarget(() -> side.checks(app.id(), account, testUser(ctx), WebSecurity.actor(ctx))) : null, List.of(), null);
    }

    /** The {@code testUser} query parameter: blank means no test sign-in. */
    private static String testUser(Context ctx) {
        String name = ctx.queryParam("testUser");
        return name == null || name.isBlank() ? null : name.strip();
    }

    /** A catalog's account when the page is about one ({@code null} for the catalog's overview); a guide's is implied. */
    private String accountParam(Context ctx, App app) {
        String account = ctx.queryParam("account");
        if (!AwsSide.isCatalog(app) || account == null) {
            return null;
        }
        return side.catalogAccount(app.id(), account).accountId();
    }

    private void show(Context ctx, int status, App app, String account, List<Finding> findings, List<String> errors,
                      AwsConnection refused) {
        show(ctx, status, app, account, findings, errors, refused, List.of());
    }

    private void show(Context ctx, int status, App app, String account, List<Finding> findings, List<String> errors,
                      AwsConnection refused, List<String> encryptionErrors) {
        boolean catalog = AwsSide.isCatalog(app);
        List<AwsTarget> targets = catalog
                ? account == null ? List.of() : side.catalogTargets(app.id()).get(side.catalogAccount(app.id(), account))
                : side.target(app.id()).map(List::of).orElse(List.of());
        String connectionKey = catalog ? account : AwsConnections.GUIDE_ACCOUNT;
        List<String> connected = side.connections().connectedAccountIds(app.id());
        AwsConnections.Summary saved = connectionKey == null ? null : side.connections().summary(app.id(), connectionKey).orElse(null);
        AwsConnections.Summary form = refused == null ? saved : new AwsConnections.Summary(refused.accessKeyId(), refused.region(),
                refused.iamEndpoint(), refused.stsEndpoint(), refused.cloudTrailEndpoint(), null, refused.roleArn());
        views.html(ctx, status, "admin/apps/aws.jte", new AwsSidePage(chrome.of(ctx), security.csrfToken(ctx), app.id(),
                app.displayName(), app.template().title(), catalog, account,
                targets.stream().map(t -> new AwsSidePage.RoleRow(t, TrustPolicy.json(t))).toList(),
                findings, saved, form, ConnectionPolicy.json(targets), errors, ctx.queryParam("saved") != null && errors.isEmpty(),
                side.catalogTargets(app.id()).entrySet().stream().map(e -> new AwsSidePage.CatalogAccountRow(e.getKey().accountId(),
                        e.getKey().displayName(), e.getKey().providerArn(), e.getValue().size(),
                        connected.contains(e.getKey().accountId()))).toList(),
                catalog ? List.of() : side.testUserNames(app.id()), testUser(ctx) == null ? "" : testUser(ctx),
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
            show(ctx, 400, app, null, null, List.of(), null, List.of(e.getMessage()));
            return;
        }
        ctx.redirect("/admin/apps/" + app.id() + "/aws?encrypted=1#encryption", HttpStatus.SEE_OTHER);
    }

    /** POST /admin/apps/{id}/aws/connection: the connection form (a blank secret keeps the stored one). */
    public void saveConnection(Context ctx) {
        App app = awsApp(ctx);
        String account = formAccount(ctx, app);
        AwsConnection submitted = new AwsConnection(ctx.formParam("accessKeyId"), ctx.formParam("secretAccessKey"),
                ctx.formParam("region"), ctx.formParam("iamEndpoint"), ctx.formParam("stsEndpoint"),
                ctx.formParam("cloudTrailEndpoint"), ctx.formParam("roleArn"));
        try {
            side.connections().save(WebSecurity.actor(ctx), app.id(), side.connectionKey(app.id(), account), submitted);
        } catch (AwsConnections.Invalid e) {
            show(ctx, 400, app, account, null, e.problems(), submitted);
            return;
        }
        ctx.redirect(pagePath(app, account) + (account == null ? "?" : "&") + "saved=1", HttpStatus.SEE_OTHER);
    }

    /** POST /admin/apps/{id}/aws/connection/delete. */
    public void removeConnection(Context ctx) {
        App app = awsApp(ctx);
        String account = formAccount(ctx, app);
        side.connections().remove(WebSecurity.actor(ctx), app.id(), side.connectionKey(app.id(), account));
        ctx.redirect(pagePath(app, account), HttpStatus.SEE_OTHER);
    }

    private String formAccount(Context ctx, App app) {
        String account = ctx.formParam("account");
        return noTarget(() -> {
            side.connectionKey(app.id(), account);
            return AwsSide.isCatalog(app) ? account : null;
        });
    }

    private static String pagePath(App app, String account) {
        return "/admin/apps/" + app.id() + "/aws" + (account == null ? "" : "?account=" + account);
    }

    /** GET /api/apps/{id}/aws-connection[?account=]: the saved connection without its secret, or 404. */
    public void connectionJson(Context ctx) {
        App app = awsApp(ctx);
        String key = noTarget(() -> side.connectionKey(app.id(), ctx.queryParam("account")));
        ctx.json(side.connections().summary(app.id(), key).orElseThrow(() -> HttpError.notFound(app.displayName() + " has no account connection"
                + (key.isEmpty() ? "." : " for account " + key + "."))));
    }

    /**
     * PUT /api/apps/{id}/aws-connection[?account=]: {"accessKeyId","secretAccessKey","roleArn","region","iamEndpoint",
     * "stsEndpoint","cloudTrailEndpoint"}.
     */
    public void putConnection(Context ctx) {
        App app = awsApp(ctx);
        String key = noTarget(() -> side.connectionKey(app.id(), ctx.queryParam("account")));
        AwsConnection in;
        try {
            in = WebServer.JSON.readValue(ctx.body(), AwsConnection.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw HttpError.badRequest("The body must be a JSON object with accessKeyId, secretAccessKey and, optionally, roleArn, region and the endpoints.");
        }
        if (in == null) {
            throw HttpError.badRequest("The body must be a JSON object.");
        }
        try {
            side.connections().save(WebSecurity.actor(ctx), app.id(), key, in);
        } catch (AwsConnections.Invalid e) {
            throw HttpError.badRequest(e.getMessage());
        }
        ctx.json(side.connections().summary(app.id(), key).orElseThrow());
    }

    /** DELETE /api/apps/{id}/aws-connection[?account=]. */
    public void deleteConnection(Context ctx) {
        App app = awsApp(ctx);
        String key = noTarget(() -> side.connectionKey(app.id(), ctx.queryParam("account")));
        if (!side.connections().remove(WebSecurity.actor(ctx), app.id(), key)) {
            throw HttpError.notFound(app.displayName() + " has no account connection" + (key.isEmpty() ? "." : " for account " + key + "."));
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

    /**
     * GET /api/apps/{id}/checks[?account=][&testUser=NAME]: the pre-flight findings as JSON (a catalog's per account),
     * with a test sign-in as NAME.
     */
    public void checks(Context ctx) {
        App app = awsApp(ctx);
        String account = ctx.queryParam("account");
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("appId", app.id());
        if (AwsSide.isCatalog(app)) {
            out.put("accountId", account);
        }
        out.put("findings", noTarget(() -> side.checks(app.id(), account, testUser(ctx), WebSecurity.actor(ctx))));
        ctx.json(out);
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
