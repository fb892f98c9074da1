package dev.gatehouse.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests sent all at once, for tests of limits that a parallel burst must not get past: one thread per request,
 * each on its own connection, all held at a gate and released together (a latch, not a sleep).
 */
public final class Burst {
    private Burst() {
    }

    /** Sends every request at once; the answers come back in the order of {@code requests}. */
    public static List<HttpResponse<String>> send(List<HttpRequest> requests) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (HttpRequest request : requests) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return Http.exchangeOnNewConnection(request);
                }));
            }
            gate.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code n} copies of one request (a request can be sent any number of times). */
    public static List<HttpRequest> times(int n, HttpRequest request) {
        return Collections.nCopies(n, request);
    }

    /**
     * A portal sign-in as its own browser would send it: the form fetched first for its CSRF cookie and field, so
     * each request of a burst is a separate visitor.
     */
    public static HttpRequest portalSignIn(String baseUrl, String userName, String password) {
        Http browser = Http.browser(baseUrl);
        String csrf = Http.csrfOf(browser.get("/").body());
        return HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", browser.cookieHeader())
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(Map.of(
                        "username", userName, "password", password, "_csrf", csrf)))).build();
    }
}
