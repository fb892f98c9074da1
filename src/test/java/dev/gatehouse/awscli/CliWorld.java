package dev.gatehouse.awscli;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.directory.User;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.testing.Peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's test world: one clock shared by the identity center, the emulated AWS account and the client
 * (so tokens and assertions age together), a user assigned to an External AWS Account instance whose provider and
 * role exist in the emulator, and a home directory for the client's cache and the AWS CLI's config.
 */
final class CliWorld implements AutoCloseable {
    static final Pattern CODE = Pattern.compile("enter the code ([A-Z]{4}-[A-Z]{4})");
    final MovableClock clock = new MovableClock(Instant.now());
    final TestAwsEmulator aws = TestAwsEmulator.start(clock);
    final TestIdentityCenter ic = TestIdentityCenter.start(TestIdentityCenter.defaultKind(), c -> c, clock);
    final User alice;
    final String appId;
    final String roleArn;
    final Path home;

    CliWorld(Path home) throws IOException {
        this.home = home;
        alice = TestData.user(ic, "alice", "alice@example.com");
        appId = TestData.awsApp(ic, "Sandbox", aws.baseUrl() + "/saml");
        ic.center().services().assignments().assign("test", appId, dev.gatehouse.apps.Assignments.PrincipalType.USER, alice.id());
        Path metadata = home.resolve("metadata.xml");
        Files.writeString(metadata, ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + appId + "/saml-metadata")).build()).body());
        String providerArn = "arn:aws:iam::" + TestAwsEmulator.ACCOUNT_ID + ":saml-provider/Gatehouse";
        ok(aws.aws("iam", "create-saml-provider", "--name", "Gatehouse", "--saml-metadata-document", "file://" + metadata));
        Path trust = home.resolve("trust.json");
        Files.writeString(trust, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}");
        ok(aws.aws("iam", "create-role", "--role-name", "Developer", "--assume-role-policy-document", "file://" + trust));
        roleArn = "arn:aws:iam::" + TestAwsEmulator.ACCOUNT_ID + ":role/Developer";
        ic.center().services().applications().replaceMappings("test", appId, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, providerArn + "," + roleArn, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
    }

    private static void ok(Peers.Output out) {
        if (out.exitCode() != 0) {
            throw new AssertionError(out.stdout() + out.stderr());
        }
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("AWS_CONFIG_FILE", home.resolve("aws-config").toString());
        return env;
    }

    /** A finished in-process run of the client. */
    record Run(int exitCode, String out, String err) {
    }

    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AwsCli.run(args, new CliEnv(env(), home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock, false));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code gatehouse aws login} and hands the code it prints to {@code browser} (which approves or denies it)
     * as soon as it is printed: the client's stderr is a pipe the test reads line by line.
     */
    Run login(Consumer<String> browser) throws IOException {
        PipedInputStream pipe = new PipedInputStream(64 * 1024);
        PrintStream err = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return AwsCli.run(new String[]{"login", "--portal", ic.baseUrl()}, new CliEnv(env(), home,
                        new PrintStream(out, true, StandardCharsets.UTF_8), err, clock, false));
            } finally {
                err.close();
            }
        });
        StringBuilder all = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8))) {
            String line;
            boolean handed = false;
            while ((line = reader.readLine()) != null) {
                all.append(line).append('\n');
                Matcher m = CODE.matcher(line);
                if (!handed && m.find()) {
                    handed = true;
                    browser.accept(m.group(1));
                }
            }
        }
        return new Run(run.join(), out.toString(StandardCharsets.UTF_8), all.toString());
    }

    /** The browser's part over HTTP: alice signs in, opens the link and approves ({@code approve}) or denies. */
    Consumer<String> decides(Http browser, boolean approve) {
        return code -> {
            String page = browser.get("/device?user_code=" + code).body();
            if (!page.contains(code)) {
                throw new AssertionError(page);
            }
            var decided = browser.post("/device", Map.of("user_code", code, "decision", approve ? "approve" : "deny"));
            if (decided.statusCode() != 200) {
                throw new AssertionError(decided.body());
            }
        };
    }

    /** The command that runs this build's client, for credential_process lines. */
    static String launcher() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp "
                + System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")) + " dev.gatehouse.cli.Main";
    }

    TestDatabase db() {
        return ic.database();
    }

    @Override
    public void close() {
        ic.close();
        aws.close();
    }

    static void uncheck(IOException e) {
        throw new UncheckedIOException(e);
    }
}
