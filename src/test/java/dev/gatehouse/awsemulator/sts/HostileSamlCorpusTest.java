package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.samlxml.hostile.HostileCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.gatehouse.awsemulator.sts.StsScenario.xml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every file of the hostile corpus ({@code src/test/resources/saml/hostile/}, see its README) through the
 * running emulator: AssumeRoleWithSAML over HTTP must answer AWS's status, code and message (never 500, 200 only for
 * the benign files), {@code POST /saml} must refuse it the same way, and {@code SignedSamlVerifier} must report the
 * code that pins the check stopping it.
 */
class HostileSamlCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/saml/hostile");
    /** The corpus was issued at 2026-01-15T12:00:00Z; the emulator's clock runs one minute later. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:01:00Z"), ZoneOffset.UTC);
    static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    private static TestAwsEmulator aws;

    @BeforeAll
    static void start() throws IOException {
        aws = TestAwsEmulator.start(CLOCK);
        setUpAccount(aws.iam());
    }

    /** Provider Gatehouse (corpus metadata) trusted by Demo and Admin; provider Rsa1024 trusted by Rsa1024Role. */
    static void setUpAccount(IamService iam) throws IOException {
        iam.createSamlProvider(ACCOUNT, "Gatehouse", Files.readString(CORPUS.resolve("metadata.xml")));
        iam.createSamlProvider(ACCOUNT, "Rsa1024", Files.readString(CORPUS.resolve("extra/rsa-1024.metadata.xml")));
        String aud = "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}";
        for (String role : List.of("Demo", "Admin")) {
            iam.createRole(ACCOUNT, role, "/", StsScenario.trust(provider("Gatehouse"), "\"sts:AssumeRoleWithSAML\"", aud), null, null);
        }
        iam.createRole(ACCOUNT, "Rsa1024Role", "/", StsScenario.trust(provider("Rsa1024"), "\"sts:AssumeRoleWithSAML\"", aud), null, null);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static String provider(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":saml-provider/" + name;
    }

    static String role(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    /** Every line of {@code expectations.tsv} with its file's bytes. */
    static List<HostileCase> corpus() throws IOException {
        List<HostileCase> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expectations.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            cases.add(new HostileCase(f[0], Files.readAllBytes(CORPUS.resolve(f[0])), Integer.parseInt(f[1]), f[2], f[6], f[3], f[4], f[5], ""));
        }
        return cases;
    }

    static Stream<HostileCase> cases() throws IOException {
        return corpus().stream();
    }

    /** The certificates of a metadata file, read without IdpMetadataReader (which refuses the 512-bit one). */
    static List<X509Certificate> certificates(String metadataFile) throws Exception {
        Matcher m = Pattern.compile("<ds:X509Certificate>([^<]+)</ds:X509Certificate>").matcher(Files.readString(CORPUS.resolve(metadataFile)));
        List<X509Certificate> out = new ArrayList<>();
        while (m.find()) {
            out.add((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        return out;
    }

    static HttpResponse<String> assume(TestAwsEmulator on, String roleArn, String providerArn, String assertion) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "AssumeRoleWithSAML");
        params.put("Version", "2011-06-15");
        params.put("RoleArn", roleArn);
        params.put("PrincipalArn", providerArn);
        params.put("SAMLAssertion", assertion);
        return on.postForm(dev.gatehouse.testing.Http.form(params));
    }

    static HttpResponse<String> postSaml(TestAwsEmulator on, Map<String, String> form) {
        return on.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(on.baseUrl() + "/saml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(dev.gatehouse.testing.Http.form(form))).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusFileThenAnsweredAsAwsAndPinnedToItsCheck(HostileCase c) throws Exception {
        String assertion = HostileCase.samlParameter(c.file(), c.payload());
        String[] pair = c.role().split("@");

        HttpResponse<String> sts = assume(aws, role(pair[0]), provider(pair[1]), assertion);

        assertThat(sts.statusCode()).as(sts.body()).isEqualTo(c.status());
        if (c.accepted()) {
            assertThat(xml(sts.body(), "Arn")).startsWith("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + pair[0] + "/");
        } else {
            assertThat(xml(sts.body(), "Code")).isEqualTo(c.code());
            assertThat(xml(sts.body(), "Message")).startsWith(c.message());
        }

        Map<String, String> form = new LinkedHashMap<>();
        form.put("SAMLResponse", assertion);
        form.put("roleIndex", role(pair[0]));
        HttpResponse<String> console = postSaml(aws, form);
        if (c.accepted()) {
            assertThat(console.statusCode()).isEqualTo(303);
        } else {
            assertThat(console.statusCode()).as(console.body()).isIn(400, 403);
            assertThat(console.headers().firstValue("Location")).isEmpty();
            assertThat(console.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.contains("console"));
        }

        SamlVerification verified = new SignedSamlVerifier().verify(assertion, dev.gatehouse.samlxml.hostile.HostileCorpus.ENTITY_ID,
                certificates(c.trust()));
        String outcome = verified instanceof SamlVerification.Failed failed ? failed.failure().name() : HostileCase.VERIFIED;
        assertThat(outcome).as(verified.toString()).isEqualTo(c.verifier());
    }

    @Test
    void corpusWhenListedThenEveryFileHasExpectationsAndEveryExpectationAFile() throws IOException {
        List<String> listed = corpus().stream().map(HostileCase::file).toList();
        List<String> files;
        try (Stream<Path> all = Files.list(CORPUS)) {
            files = all.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !List.of("README.md", "expectations.tsv", "metadata.xml", "idp-key.pem", "idp-cert.pem").contains(n)).toList();
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(listed).hasSizeGreaterThan(90).doesNotHaveDuplicates();
    }

    @Test
    void uploadWhenMetadataKeyUnder1024BitsThenRefused() throws IOException {
        String tiny = Files.readString(CORPUS.resolve("extra/tiny-rsa-512.metadata.xml"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> aws.iam().createSamlProvider(ACCOUNT, "Tiny", tiny))
                .hasMessage("Could not parse metadata");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.gatehouse.samlxml.IdpMetadataReader.read(tiny))
                .hasMessageContaining("1024");
        assertThat(aws.iam().findSamlProvider(provider("Tiny"))).isEmpty();
    }
}
