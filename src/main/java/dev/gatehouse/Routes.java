package dev.gatehouse;

import dev.gatehouse.web.WebSecurity;
import io.javalin.config.JavalinConfig;

import static dev.gatehouse.web.Role.ANYONE;

/**
 * Every URL of the identity center, each with the role allowed to call it. Reading this file tells what the
 * server exposes; {@link WebSecurity#guard} enforces the roles before any handler runs.
 */
final class Routes {
    private final WebSecurity security;

    Routes(WebSecurity security) {
        this.security = security;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.beforeMatched(security::guard);

        r.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"), ANYONE);
    }
}
