package dev.gatehouse.awscli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's "Command line or programmatic access": Gatehouse buys keys from the emulated account's STS, shows
 * them as export lines, PowerShell and a credentials block, and the AWS CLI accepts them; the audit log names the
 * key and never the secret; a role the user is not entitled to gets nothing.
 */
class PortalAccessKeysTest {
    @Test
    void keysBoughtFromStsWorkInTheAwsCliAndOnlyTheirIdIsAudited(@TempDir Path home) throws Exception {
        try (CliWorld w = new CliWorld(home)) {
            Http alice = Http.browser(w.ic.baseUrl()).signIn("alice", TestData.PASSWORD);
            assertThat(alice.get("/aws/access").body()).contains("Command line or programmatic access").contains("Developer")
                    .contains("gatehouse aws login --portal " + w.ic.baseUrl());
            HttpResponse<String> keys = alice.post("/aws/access/keys", Map.of("appId", w.appId,
                    "accountId", TestAwsEmulator.ACCOUNT_ID, "roleName", "Developer"));
            assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
            String page = keys.body();
            String id = group(page, "export AWS_ACCESS_KEY_ID=&#34;(ASIA[A-Z0-9]+)&#34;|export AWS_ACCESS_KEY_ID=\"(ASIA[A-Z0-9]+)\"");
            String secret = group(page, "aws_secret_access_key=([^\\s<]+)");
            String token = group(page, "aws_session_token=([^\\s<]+)");
            assertThat(page).contains("$Env:AWS_ACCESS_KEY_ID=").contains("[Sandbox-Developer]");

            Peers.Output identity = w.aws.awsWithSession(id, secret, token, "sts", "get-caller-identity");
            assertThat(identity.exitCode()).as(identity.stderr()).isZero();
            assertThat(new ObjectMapper().readTree(identity.stdout()).get("Arn").asText()).isEqualTo(CommandLineToAwsTest.ASSUMED);

            var issued = w.ic.center().services().audit().recent(100).stream().filter(e -> e.type().equals("ACCESS_KEYS_ISSUED")).toList();
            assertThat(issued).hasSize(1);
            assertThat(issued.get(0).detail()).contains("accessKeyId=" + id).contains("role=Developer")
                    .contains("account=" + TestAwsEmulator.ACCOUNT_ID).contains("expires=").doesNotContain(secret);

            HttpResponse<String> other = alice.post("/aws/access/keys", Map.of("appId", w.appId,
                    "accountId", "999999999999", "roleName", "Admin"));
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.body()).doesNotContain("ASIA");
        }
    }

    private static String group(String page, String regex) {
        Matcher m = Pattern.compile(regex).matcher(page);
        assertThat(m.find()).as(regex + " in " + page).isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
