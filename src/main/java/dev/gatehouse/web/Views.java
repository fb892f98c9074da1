package dev.gatehouse.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;

/**
 * Renders precompiled jte templates (HTML-escaped by default) from typed page records. Each template takes one
 * {@code page} parameter, so what a page shows is visible in its record. Thread-safe.
 */
public final class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders straight to UTF-8 bytes: no intermediate String of the page (a launch page carries ~9 KB of base64). */
    public void html(Context ctx, String template, Object page) {
        Utf8ByteOutput out = new Utf8ByteOutput(16 * 1024);
        engine.render(template, page, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toByteArray());
    }

    public void html(Context ctx, int status, String template, Object page) {
        ctx.status(status);
        html(ctx, template, page);
    }
}
