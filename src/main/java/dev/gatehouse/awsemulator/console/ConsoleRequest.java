package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.web.RequestKey;

/**
 * What the console's guard and its handlers hand each other on one request, so that no handler calls another:
 * the guard leaves the session and the anonymous form's CSRF token, a handler that signs someone in leaves the
 * session to start, and the guard's after-step starts it.
 */
public final class ConsoleRequest {
    /** The form field that carries the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";
    /** The caller's session; the guard sets it on every route whose role needs one. */
    public static final RequestKey<ConsoleSession> SESSION = new RequestKey<>("awsemulator.console.session");
    /** The CSRF token of an anonymous form (the double-submit cookie's value); set on {@code ANONYMOUS_FORM} routes. */
    public static final RequestKey<String> FORM_TOKEN = new RequestKey<>("awsemulator.console.formToken");
    /** A session to start once the handler has answered: any earlier session of the browser ends first. */
    public static final RequestKey<ConsoleSession> START_SESSION = new RequestKey<>("awsemulator.console.startSession");

    private ConsoleRequest() {
    }
}
