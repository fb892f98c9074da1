package dev.gatehouse.cluster;

import dev.gatehouse.TestData;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the cluster tests do over HTTP against a node: sign in and out through the portal form, launch, read. */
final class ClusterHttp {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ClusterHttp() {
    }

    /** An External AWS Account instance with the usual three mapping rows. */
    static String awsApp(Applications apps) {
        String id = apps.create("test", new AppInput("external-aws-account", "Prod", "cluster", "https://signin.aws.amazon.com/saml",
                null, null, null)).app().id();
        apps.replaceMappings("test", id, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, TestData.PROVIDER_ARN + "," + TestData.ROLE_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
        return id;
    }

    /** Signs in through a node's portal form; returns the Cookie header the browser would send afterwards. */
    static String signIn(String node, String userName) {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            String form = browser.send(HttpRequest.newBuilder(URI.create(node + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(form);
            String body = "username=" + enc(userName) + "&password=" + enc(TestData.PASSWORD) + (csrf.find() ? "&_csrf=" + enc(csrf.group(1)) : "");
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(node + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    static HttpResponse<String> get(String url, String cookie) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
