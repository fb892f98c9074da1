package dev.gatehouse.awsemulator;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real AWS emulator for a test: a fresh H2 file database in a temporary directory, a free port, and the root
 * credential {@link #ROOT} of account {@link #ACCOUNT_ID}. Runs the real AWS CLI v2 against it. Close it at the
 * end of the test.
 */
public final class TestAwsEmulator implements AutoCloseable {
    public static final String ACCOUNT_ID = "123456789012";
    public static final String ACCESS_KEY_ID = "AKIAEMULATORTEST0001";
    public static final String SECRET = "testSecretKey/abcdefghijklmnopqrstuvwxyz12";
    public static final RootCredential ROOT = new RootCredential(ACCOUNT_ID, ACCESS_KEY_ID, SECRET);
    public static final Path AWS_CLI = Path.of("/usr/bin/aws");

    private final AwsEmulator emulator;
    private final Path dataDir;
    private final TestDatabase database;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestAwsEmulator(AwsEmulator emulator, Path dataDir, TestDatabase database) {
        this.emulator = emulator;
        this.dataDir = dataDir;
        this.database = database;
    }

    public static TestAwsEmulator start() {
        return start(java.time.Clock.systemUTC());
    }

    /** Starts with the emulator's clock set apart from the clients' (date-window and expiry tests). */
    public static TestAwsEmulator start(java.time.Clock clock) {
        return start(clock, TestIdentityCenter.defaultKind());
    }

    /** Starts on a fresh database of {@code kind} (tests that run on both H2 and PostgreSQL). */
    public static TestAwsEmulator start(TestDatabase.Kind kind) {
        return start(java.time.Clock.systemUTC(), kind);
    }

    public static TestAwsEmulator start(java.time.Clock clock, TestDatabase.Kind kind) {
        try {
            Path dir = Files.createTempDirectory("aws-emulator-test");
            TestDatabase db = TestDatabase.create(kind, dir, "aws-emulator");
            try {
                EmulatorConfig config = EmulatorConfig.of(0, dir, db.url(), null, List.of(ROOT));
                return new TestAwsEmulator(AwsEmulator.start(config, clock), dir, db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestDatabase database() {
        return database;
    }

    public AwsEmulator emulator() {
        return emulator;
    }

    public String baseUrl() {
        return "http://localhost:" + emulator.port();
    }

    public IamService iam() {
        return emulator.iam();
    }

    public Path dataDir() {
        return dataDir;
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned form POST to {@code /} (garbage and unauthenticated-call tests). */
    public HttpResponse<String> postForm(String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** What a CLI run printed. */
    public record CliResult(int exitCode, String stdout, String stderr) {
    }

    /**
     * Skips the test (printing why) when the Debian AWS CLI v2 is missing, or fails it when {@code CI=true}.
     */
    public static void requireAwsCli() {
        boolean present = Files.isExecutable(AWS_CLI);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but the AWS CLI v2 is not installed at " + AWS_CLI);
        }
        if (!present) {
            System.out.println("Skipping: the AWS CLI v2 is not installed at " + AWS_CLI);
        }
        Assumptions.assumeTrue(present, "the AWS CLI v2 is not installed at " + AWS_CLI);
    }

    /** Runs {@code /usr/bin/aws ARGS --endpoint-url … --region us-east-1} with the root credential. */
    public CliResult aws(String... args) {
        return awsAs(ACCESS_KEY_ID, SECRET, args);
    }

    /** Runs the AWS CLI v2 signed with the given keys, isolated from any local AWS configuration. */
    public CliResult awsAs(String accessKeyId, String secret, String... args) {
        requireAwsCli();
        List<String> command = new ArrayList<>();
        command.add(AWS_CLI.toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", baseUrl(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        if (accessKeyId != null) {
            env.put("AWS_ACCESS_KEY_ID", accessKeyId);
            env.put("AWS_SECRET_ACCESS_KEY", secret);
        }
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        try {
            Path out = Files.createTempFile(dataDir, "aws-out", ".txt");
            Path err = Files.createTempFile(dataDir, "aws-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("aws " + String.join(" ", args) + " did not finish");
            }
            return new CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            emulator.close();
        } finally {
            database.close();
        }
    }
}
