package dev.gatehouse.awsemulator;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private final AwsEmulator emulator;
    private final Path dataDir;
    private final TestDatabase database;

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

    /** Sends {@code request} with no cookie jar and no redirect followed. */
    public HttpResponse<String> send(HttpRequest request) {
        return Http.exchange(request);
    }

    /** An unsigned form POST to {@code /} (garbage and unauthenticated-call tests). */
    public HttpResponse<String> postForm(String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Skips the test (printing why) when the Debian AWS CLI v2 is missing, or fails it when {@code CI=true}. */
    public static void requireAwsCli() {
        Peers.awsCli();
    }

    /** Runs {@code /usr/bin/aws ARGS --endpoint-url … --region us-east-1} with the root credential. */
    public Peers.Output aws(String... args) {
        return awsAs(ACCESS_KEY_ID, SECRET, args);
    }

    /** Runs the AWS CLI v2 signed with the given keys ({@code null}: unsigned). */
    public Peers.Output awsAs(String accessKeyId, String secret, String... args) {
        return awsWithSession(accessKeyId, secret, null, args);
    }

    /**
     * Runs the AWS CLI v2 against this emulator, signed with the given keys and session token (each may be
     * {@code null}), isolated from any AWS configuration of the machine it runs on.
     */
    public Peers.Output awsWithSession(String accessKeyId, String secret, String sessionToken, String... args) {
        return awsIn("us-east-1", accessKeyId, secret, sessionToken, args);
    }

    /** Runs the AWS CLI v2 with the root credential, signing for {@code region} (IAM accepts only us-east-1). */
    public Peers.Output awsInRegion(String region, String... args) {
        return awsIn(region, ACCESS_KEY_ID, SECRET, null, args);
    }

    /**
     * As {@link #aws}, with the CLI reading service models from {@code dataPath} first (AWS_DATA_PATH, where
     * {@code aws configure add-model} puts a newer model than the CLI's own).
     */
    public Peers.Output awsWithModels(java.nio.file.Path dataPath, String... args) {
        return awsIn("us-east-1", ACCESS_KEY_ID, SECRET, null, dataPath, args);
    }

    private Peers.Output awsIn(String region, String accessKeyId, String secret, String sessionToken, String... args) {
        return awsIn(region, accessKeyId, secret, sessionToken, null, args);
    }

    private Peers.Output awsIn(String region, String accessKeyId, String secret, String sessionToken, java.nio.file.Path dataPath,
                               String... args) {
        List<String> command = new ArrayList<>();
        command.add(Peers.awsCli());
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", baseUrl(), "--region", region, "--output", "json"));
        return Peers.runApart(command, env -> {
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            if (accessKeyId != null) {
                env.put("AWS_ACCESS_KEY_ID", accessKeyId);
                env.put("AWS_SECRET_ACCESS_KEY", secret);
            }
            if (sessionToken != null) {
                env.put("AWS_SESSION_TOKEN", sessionToken);
            }
            env.put("AWS_CONFIG_FILE", "/nonexistent");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            if (dataPath != null) {
                env.put("AWS_DATA_PATH", dataPath.toString());
            }
        });
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
