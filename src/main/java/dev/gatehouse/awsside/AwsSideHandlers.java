package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS side's console page ({@code /admin/apps/{id}/aws}: the target, its trust policy, the bundles, *Check
 * setup*), the error decoder page ({@code /admin/aws-errors}) and their JSON API. All reads: GET only.
 */
public final class AwsSideHandlers {
    private final AwsSide side;
    private final Views views;
    private final ProductChrome chrome;

    public AwsSideHandlers(AwsSide side, Views views, ProductChrome chrome) {
        this.side = side;
        this.views = views;
        this.chrome = chrome;
    }

    /** GET /admin/apps/{id}/aws, with {@code ?check=1} after *Check setup*. */
    public void page(Context ctx) {
        App app = awsApp(ctx);
        Optional<AwsTarget> target = side.target(app.id());
        List<Finding> findings = ctx.queryParam("check") != null ? side.checks(app.id()) : null;
        views.html(ctx, "admin/apps/aws.jte", new AwsSidePage(chrome.of(ctx), app.id(), app.displayName(),
                app.template().title(), target.orElse(null), target.map(TrustPolicy::json).orElse(null), findings));
    }

    /** GET /api/apps/{id}/aws-bundle/{format}: cloudformation, terraform or script, as a download. */
    public void bundle(Context ctx) {
        App app = awsApp(ctx);
        TargetBundle.Format format = TargetBundle.Format.named(ctx.pathParam("format"));
        if (format == null) {
            throw HttpError.notFound("There is no bundle format \"" + ctx.pathParam("format") + "\": use cloudformation, terraform or script.");
        }
        String text = noTarget(() -> side.bundle(app.id(), format));
        ctx.header("Content-Disposition", "attachment; filename=\"" + side.bundleFileName(app.id(), format) + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(format.mediaType + "; charset=utf-8").result(text);
    }

    /** GET /api/apps/{id}/checks: the pre-flight findings as JSON. */
    public void checks(Context ctx) {
        App app = awsApp(ctx);
        ctx.json(Map.of("appId", app.id(), "findings", side.checks(app.id())));
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

    private static String noTarget(java.util.function.Supplier<String> body) {
        try {
            return body.get();
        } catch (AwsSide.NoTarget e) {
            throw new HttpError(409, e.getMessage());
        }
    }
}
