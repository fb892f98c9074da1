package dev.gatehouse.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders precompiled jte templates (HTML-escaped by default) from typed page records. Each template takes one
 * {@code page} parameter, so what a page shows is visible in its record. Thread-safe.
 */
public final class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(String template, Object page) {
        StringOutput out = new StringOutput();
        engine.render(template, page, out);
        return out.toString();
    }

    public void html(Context ctx, String template, Object page) {
        ctx.contentType("text/html; charset=utf-8").result(render(template, page));
    }

    public void html(Context ctx, int status, String template, Object page) {
        ctx.status(status);
        html(ctx, template, page);
    }
}
