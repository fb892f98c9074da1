package dev.gatehouse.web;

import io.javalin.http.Context;

import java.util.Optional;

/**
 * A typed value that a guard or handler leaves on one request for the next step to read (e.g. the session the
 * guard found), so that handlers share request state without calling one another.
 *
 * @param <T> the value's type
 */
public final class RequestKey<T> {
    private final String name;

    public RequestKey(String name) {
        this.name = name;
    }

    public void set(Context ctx, T value) {
        ctx.attribute(name, value);
    }

    public Optional<T> find(Context ctx) {
        return Optional.ofNullable(ctx.attribute(name));
    }

    /** The value a route's role guarantees; its absence is a wiring mistake (a route with the wrong role). */
    public T require(Context ctx) {
        return find(ctx).orElseThrow(() -> new IllegalStateException(name + " is not set on " + ctx.path()
                + ": the route's role should have set it"));
    }
}
