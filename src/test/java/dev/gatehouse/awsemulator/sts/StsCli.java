package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.TestAwsEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** Runs the AWS CLI v2 with temporary (session) credentials or none at all, isolated from local AWS configuration. */
final class StsCli {
    private StsCli() {
    }

    static TestAwsEmulator.CliResult run(TestAwsEmulator aws, String accessKeyId, String secret, String sessionToken, String... args) {
        TestAwsEmulator.requireAwsCli();
        List<String> command = new ArrayList<>(List.of(TestAwsEmulator.AWS_CLI.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", aws.baseUrl(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
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
        try {
            Path out = Files.createTempFile(aws.dataDir(), "aws-out", ".txt");
            Path err = Files.createTempFile(aws.dataDir(), "aws-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("aws " + String.join(" ", args) + " did not finish");
            }
            return new TestAwsEmulator.CliResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
