package dev.gatehouse.awsside;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Peers;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the AWS side's tests do more than once: run a bundle's script as a user would, and connect an account. */
public final class AwsSideFixtures {
    private AwsSideFixtures() {
    }

    /**
     * Runs a bundle's script with bash and Debian's AWS CLI v2 against {@code aws}, as its root user, isolated from
     * the machine's AWS settings; {@code policies} is MANAGED_POLICY_ARNS (empty: attach none).
     */
    public static Peers.Output runScript(TestAwsEmulator aws, Path script, String policies) {
        Peers.awsCli();
        return Peers.runApart(List.of("/bin/bash", script.toString()), env -> {
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("PATH", "/usr/bin:/bin"); // Debian's AWS CLI v2, not a developer's own aws first on PATH
            env.put("AWS_ACCESS_KEY_ID", TestAwsEmulator.ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", TestAwsEmulator.SECRET);
            env.put("AWS_ARGS", "--endpoint-url " + aws.baseUrl() + " --region us-east-1");
            env.put("AWS_CONFIG_FILE", "/nonexistent");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            env.put("MANAGED_POLICY_ARNS", policies);
        });
    }

    /** Connects {@code app} to the emulated account with its root keys, every endpoint the emulator's. */
    public static void connect(TestIdentityCenter ic, TestAwsEmulator aws, String app) {
        HttpResponse<String> connected = ic.send(ic.admin("/api/apps/" + app + "/aws-connection")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessKeyId\":\"" + TestAwsEmulator.ACCESS_KEY_ID
                        + "\",\"secretAccessKey\":\"" + TestAwsEmulator.SECRET + "\",\"iamEndpoint\":\"" + aws.baseUrl()
                        + "\",\"stsEndpoint\":\"" + aws.baseUrl() + "\",\"cloudTrailEndpoint\":\"" + aws.baseUrl() + "\"}")).build());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(connected.body()).contains(TestAwsEmulator.ACCESS_KEY_ID).doesNotContain(TestAwsEmulator.SECRET);
    }
}
