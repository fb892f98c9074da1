package dev.gatehouse.robustness;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.testing.RawHttp;
import dev.gatehouse.web.WebServer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Walks every route of a server (as its router lists them) with the requests a careless or hostile client sends:
 * HEAD, OPTIONS, every method the path does not serve, and on each state-changing route bodies of every content
 * type, malformed or missing what the handler needs. Each request goes on a socket of its own ({@code Connection:
 * close}), so an answer that closes the connection cannot spoil the next. Findings are collected, not thrown, so
 * one run names every route that fails: a 5xx, a request that logged more than one line, or one with a stack trace.
 */
final class RouteWalker {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** Who calls: a name for the findings, extra headers (cookie, bearer token) and a CSRF token to offer, or null. */
    record Caller(String name, Map<String, String> headers, String csrf) {
    }

    /** A body of one content type. */
    record Body(String name, String contentType, String text) {
    }

    private final String baseUrl;
    private final UnaryOperator<String> concretePath;
    private final List<String> findings = new ArrayList<>();
    private int requests;

    /** @param concretePath turns a route's path ({@code /api/apps/{id}}) into one to request */
    RouteWalker(String baseUrl, UnaryOperator<String> concretePath) {
        this.baseUrl = baseUrl;
        this.concretePath = concretePath;
    }

    /** The malformed (and the merely empty) bodies sent to every state-changing route. */
    static List<Body> bodies(String csrf) {
        String token = csrf == null ? "" : csrf;
        return List.of(
                new Body("urlencoded with bad %-escapes", "application/x-www-form-urlencoded",
                        "_csrf=" + token + "&name=%zz&%E0%A4%A=1&=&&value=%"),
                new Body("urlencoded without the fields", "application/x-www-form-urlencoded", "_csrf=" + token),
                new Body("broken multipart", "multipart/form-data; boundary=xyz",
                        "--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n--xyz\r\nContent-Dispo"),
                new Body("invalid JSON", "application/json", "{\"displayName\": [1, \"x\""),
                new Body("JSON of the wrong shape", "application/json", "[{\"id\": {}}, null, 1e999]"),
                new Body("XML garbage", "application/xml", "<?xml version=\"1.0\"?><a><b></a>&undefined;"));
    }

    /** Walks {@code routes} as {@code caller}; sign-out routes last, so the caller stays signed in until then. */
    void walk(List<WebServer.Route> routes, Caller caller, LogCapture log) {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        routes.stream().sorted(Comparator.comparing((WebServer.Route r) -> r.path().endsWith("/logout")))
                .forEach(r -> methodsByPath.computeIfAbsent(r.path(), k -> new TreeSet<>()).add(r.method()));
        methodsByPath.forEach((pattern, served) -> {
            String path = concretePath.apply(pattern);
            send(caller, log, "HEAD", path, null);
            send(caller, log, "OPTIONS", path, null);
            for (String method : METHODS) {
                if (!served.contains(method)) {
                    send(caller, log, method, path, null);
                }
            }
            for (String method : served) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    for (Body body : bodies(caller.csrf())) {
                        send(caller, log, method, path, body);
                    }
                }
            }
        });
    }

    private void send(Caller caller, LogCapture log, String method, String path, Body body) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\nHost: localhost\nConnection: close\n");
        caller.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append('\n'));
        String text = "";
        if (body != null) {
            text = body.text();
            head.append("Content-Type: ").append(body.contentType()).append('\n');
            if (caller.csrf() != null) {
                head.append("X-CSRF-Token: ").append(caller.csrf()).append('\n');
            }
        }
        head.append("Content-Length: ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n');
        String what = caller.name() + ": " + method + " " + path + (body == null ? "" : " with " + body.name());
        log.drain();
        requests++;
        String answer;
        try {
            answer = RawHttp.answer(baseUrl, head.toString(), new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        } catch (AssertionError | RuntimeException e) {
            findings.add(what + " -> no answer: " + e.getMessage());
            return;
        }
        int status = Integer.parseInt(answer.substring(9, 12));
        List<ILoggingEvent> events = log.drain();
        if (status >= 500) {
            findings.add(what + " -> " + status + "\n" + LogCapture.describe(events));
        } else if (events.size() > 1 || events.stream().anyMatch(e -> e.getThrowableProxy() != null)) {
            findings.add(what + " -> " + status + " logged:\n" + LogCapture.describe(events));
        }
    }

    int requests() {
        return requests;
    }

    List<String> findings() {
        return findings;
    }

    static String report(List<String> findings) {
        return findings.size() + " findings:\n" + findings.stream().collect(Collectors.joining("\n"));
    }
}
