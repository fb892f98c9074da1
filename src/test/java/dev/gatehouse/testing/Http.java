package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tests' HTTP client. An instance behaves like one browser tab on one site: it keeps cookies, reads the CSRF
 * token from the last page it fetched and sends it with the next form, as a real form would, and either shows each
 * redirect to the test ({@link #browser}) or follows it ({@link #following}). The static methods send one request
 * with no cookies and no redirects followed, for APIs and for tests that build their own Cookie header.
 */
public final class Http {
    /** The hidden CSRF field every form of ours carries. */
    public static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String csrf;

    private Http(String baseUrl, HttpClient.Redirect redirects) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(redirects).build();
    }

    /** A tab on {@code baseUrl} that keeps cookies and returns every redirect as it is. */
    public static Http browser(String baseUrl) {
        return new Http(baseUrl, HttpClient.Redirect.NEVER);
    }

    /** A tab on {@code baseUrl} that keeps cookies and follows redirects, as a browser's address bar does. */
    public static Http following(String baseUrl) {
        return new Http(baseUrl, HttpClient.Redirect.NORMAL);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GETs {@code path} and remembers the page's CSRF token, if it has one. */
    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
        Matcher m = CSRF_FIELD.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    /** Posts a form with the CSRF token of the last page (unless the fields already carry one). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, all);
    }

    /** Posts exactly {@code fields}, no CSRF token added. */
    public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
    }

    /** Signs in through the portal's form; fails the test unless the portal redirects onwards. */
    public Http signIn(String userName, String password) {
        get("/");
        HttpResponse<String> response = post("/login", Map.of("username", userName, "password", password));
        if (response.statusCode() != 303) {
            throw new AssertionError("sign-in of " + userName + " failed with " + response.statusCode() + ": " + response.body());
        }
        return this;
    }

    /** The CSRF token of the last page that carried one, or null. */
    public String csrf() {
        return csrf;
    }

    /** The Cookie header this tab would send, for replaying its session from another client or node. */
    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Sends {@code request} through this tab (its cookies, its redirect policy). */
    public HttpResponse<String> send(HttpRequest request) {
        return send(client, request);
    }

    /** Sends {@code request} with no cookie jar and no redirect followed. */
    public static HttpResponse<String> exchange(HttpRequest request) {
        return send(PLAIN, request);
    }

    /**
     * Sends {@code request} on a connection of its own. Jetty answers some malformed requests (a {@code %00} in the
     * path) with {@code Connection: close}; a pooled connection reused after that can race the close and read EOF.
     */
    public static HttpResponse<String> exchangeOnNewConnection(HttpRequest request) {
        return send(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), request);
    }

    /** GETs {@code url} with {@code cookieHeader}, no cookie jar and no redirect followed. */
    public static HttpResponse<String> get(String url, String cookieHeader) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookieHeader).build());
    }

    /** The CSRF token of {@code html}; fails the test when the page has none. */
    public static String csrfOf(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field on the page: " + html);
        }
        return m.group(1);
    }

    /** {@code fields} as an {@code application/x-www-form-urlencoded} body, in their order. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
