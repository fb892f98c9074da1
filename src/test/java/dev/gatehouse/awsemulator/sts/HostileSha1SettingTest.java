package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.testing.Http;
import dev.gatehouse.cli.Main;
import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.samlxml.hostile.HostileCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.awsemulator.sts.HostileSamlCorpusTest.CORPUS;
import static dev.gatehouse.awsemulator.sts.HostileSamlCorpusTest.provider;
import static dev.gatehouse.awsemulator.sts.HostileSamlCorpusTest.role;
import static dev.gatehouse.awsemulator.sts.StsScenario.xml;
import static org.assertj.core.api.Assertions.assertThat;

/** SHA-1 is refused by default and accepted with {@code --allow-sha1}; MD5 stays refused either way. */
class HostileSha1SettingTest {

    private static String corpusAssertion(String file) throws Exception {
        return HostileCase.samlParameter(file, Files.readAllBytes(CORPUS.resolve(file)));
    }

    private static HttpResponse<String> assume(String baseUrl, String file) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "AssumeRoleWithSAML");
        params.put("Version", "2011-06-15");
        params.put("RoleArn", role("Demo"));
        params.put("PrincipalArn", provider("Gatehouse"));
        params.put("SAMLAssertion", corpusAssertion(file));
        return Http.exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(params))).build());
    }

    @Test
    void assumeWhenSha1SignedAndSettingOffThenResponseSignatureInvalid() throws Exception {
        try (TestAwsEmulator aws = TestAwsEmulator.start(HostileSamlCorpusTest.CLOCK)) {
            HostileSamlCorpusTest.setUpAccount(aws.iam());

            for (String file : List.of("alg_rsa_sha1.xml", "alg_digest_sha1.xml")) {
                HttpResponse<String> r = assume(aws.baseUrl(), file);
                assertThat(r.statusCode()).as(file).isEqualTo(400);
                assertThat(xml(r.body(), "Message")).isEqualTo("Response signature invalid");
            }
        }
    }

    @Test
    void assumeWhenSha1SignedAndAllowSha1ThenAcceptedButMd5StillRefused(@TempDir Path dir) throws Exception {
        EmulatorConfig config = EmulatorConfig.of(0, dir, null, null, List.of(TestAwsEmulator.ROOT)).withAllowSha1(true);
        try (AwsEmulator aws = AwsEmulator.start(config, HostileSamlCorpusTest.CLOCK)) {
            HostileSamlCorpusTest.setUpAccount(aws.iam());
            String base = "http://localhost:" + aws.port();

            for (String file : List.of("alg_rsa_sha1.xml", "alg_digest_sha1.xml")) {
                HttpResponse<String> r = assume(base, file);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(xml(r.body(), "Arn")).isEqualTo("arn:aws:sts::123456789012:assumed-role/Demo/alice");
            }
            for (String file : List.of("alg_rsa_md5.xml", "alg_digest_md5.xml", "baseline_valid.xml")) {
                assertThat(assume(base, file).statusCode()).as(file).isEqualTo(file.startsWith("baseline") ? 200 : 400);
            }
        }
    }

    @Test
    void commandLineWhenAllowSha1GivenThenOptionSetElseOff() {
        CommandLine.ParseResult with = new CommandLine(new Main()).parseArgs("aws-emulator", "--allow-sha1");
        CommandLine.ParseResult without = new CommandLine(new Main()).parseArgs("aws-emulator");

        assertThat((Boolean) with.subcommand().commandSpec().findOption("--allow-sha1").getValue()).isTrue();
        assertThat((Boolean) without.subcommand().commandSpec().findOption("--allow-sha1").getValue()).isFalse();
        assertThat(EmulatorConfig.of(0, Path.of("x"), "jdbc:h2:mem:x", null, List.of()).allowSha1()).isFalse();
    }
}
