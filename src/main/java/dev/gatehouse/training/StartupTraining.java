package dev.gatehouse.training;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.demo.DemoSeeder;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code java -cp gatehouse.jar dev.gatehouse.training.StartupTraining DIR}: runs the demo once in a throw-away
 * directory and walks it the way users do (portal sign-in, launches, the emulator's console sign-in and
 * AssumeRoleWithSAML), so that the JVM, started with {@code -XX:DumpLoadedClassList}, records every class a real
 * start and first requests load. {@code ./gatehouse} turns that list into a class-data-sharing archive, which makes
 * later starts faster. A build step with its own {@code main}, not a command an operator runs.
 */
public final class StartupTraining {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SAML_RESPONSE = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");

    private StartupTraining() {
    }

    /** @param args one argument: the scratch directory (deleted afterwards) */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SCRATCH_DIR");
            System.exit(2);
        }
        Path scratch = Path.of(args[0]);
        Files.createDirectories(scratch);
        try (AwsEmulator aws = AwsEmulator.start(EmulatorConfig.of(0, scratch, null, null, List.of(DemoSeeder.ROOT)));
             IdentityCenter center = IdentityCenter.start(IdentityCenterConfig.of(0, scratch, null, null))) {
            DemoSeeder.Credentials credentials = new DemoSeeder(center, aws).seed();
            walk(center.config().baseUrl(), aws.baseUrl(), credentials.appId(), credentials.userPassword());
        } finally {
            deleteTree(scratch);
        }
    }

    private static void walk(String portal, String aws, String appId, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String signIn = get(http, portal + "/");
        String csrf = find(CSRF, signIn);
        post(http, portal + "/login", "_csrf=" + url(csrf) + "&username=demo&password=" + url(password));
        get(http, portal + "/");
        String samlResponse = null;
        for (int i = 0; i < 200; i++) {
            samlResponse = find(SAML_RESPONSE, get(http, portal + "/launch/" + appId));
        }
        get(http, portal + "/api/apps/" + appId + "/saml-metadata");
        post(http, aws + "/saml", "SAMLResponse=" + url(samlResponse));
        for (int i = 0; i < 50; i++) {
            post(http, aws + "/", "Action=AssumeRoleWithSAML&Version=2011-06-15"
                    + "&RoleArn=" + url("arn:aws:iam::" + DemoSeeder.ACCOUNT_ID + ":role/" + DemoSeeder.ROLE)
                    + "&PrincipalArn=" + url("arn:aws:iam::" + DemoSeeder.ACCOUNT_ID + ":saml-provider/" + DemoSeeder.PROVIDER)
                    + "&SAMLAssertion=" + url(samlResponse));
        }
    }

    private static String get(HttpClient http, String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(HttpClient http, String uri, String form) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static String find(Pattern pattern, String page) {
        Matcher m = pattern.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("training walk: expected " + pattern + " in the page");
        }
        return m.group(1).replace("&#43;", "+").replace("&#61;", "=").replace("&#47;", "/");
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
