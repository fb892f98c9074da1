package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.awsemulator.TestAwsEmulator.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The IAM console pages over real HTTP: sign in as root, add a provider by multipart upload, policies and roles. */
class IamConsolePagesTest {
    private TestAwsEmulator aws;
    private Http browser;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start();
        browser = Http.browser(aws.baseUrl());
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> get(String path) {
        return browser.get(path);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return browser.postRaw(path, fields);
    }

    private HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileContent) {
        String boundary = "----gatehouse-test-boundary";
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(k)
                .append("\"\r\n\r\n").append(v).append("\r\n"));
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"metadata.xml\"\r\nContent-Type: text/xml\r\n\r\n").append(fileContent).append("\r\n");
        b.append("--").append(boundary).append("--\r\n");
        return browser.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build());
    }

    private static String csrf(HttpResponse<String> page) {
        return Http.csrfOf(page.body());
    }

    private String signIn() {
        HttpResponse<String> page = get("/console/signin");
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> r = postForm("/console/signin", Map.of("_csrf", csrf(page), "accountId", ACCOUNT_ID,
                "secretAccessKey", TestAwsEmulator.SECRET, "next", "/console/iam"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/iam");
        HttpResponse<String> dashboard = get("/console/iam");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Root user · " + ACCOUNT_ID);
        return csrf(dashboard);
    }

    @Test
    void signInThenAddProviderByUploadThenDetailShowsArnAndCertificate() {
        String csrf = signIn();
        String metadata = TestIdpMetadata.metadata("https://idp.example.test/saml/metadata");

        HttpResponse<String> created = postMultipart("/console/iam/providers", Map.of("_csrf", csrf, "name", "Gatehouse"), "metadata", metadata);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValue("/console/iam/providers/Gatehouse?done=created");

        String arn = "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/Gatehouse";
        assertThat(aws.iam().getSamlProvider(arn).entityId()).isEqualTo("https://idp.example.test/saml/metadata");
        HttpResponse<String> detail = get("/console/iam/providers/Gatehouse");
        assertThat(detail.body()).contains(arn).contains("RSA 2048").contains("CN=idp.example.test");
    }

    @Test
    void providerDetailShowsItsEncryptionModeIdpIdAndKeyIdsButNeverTheKey() {
        String csrf = signIn();
        postMultipart("/console/iam/providers", Map.of("_csrf", csrf, "name", "Gatehouse"), "metadata",
                TestIdpMetadata.metadata("https://idp.example.test/saml/metadata"));
        String arn = "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/Gatehouse";
        assertThat(get("/console/iam/providers/Gatehouse").body()).contains("Not set").contains("id=\"no-private-keys\"");

        String pem = dev.gatehouse.samlxml.TestEncryption.privateKeyPem(dev.gatehouse.samlxml.TestEncryption.keyPair("console"));
        var provider = aws.iam().updateSamlProvider(arn, null, "Required", pem, null);
        String detail = get("/console/iam/providers/Gatehouse").body();
        assertThat(detail).contains("Required").contains(provider.privateKeys().get(0).keyId())
                .contains("https://signin.aws.amazon.com/saml/acs/" + provider.uuid()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void uploadWithWeakKeyThenAwsMessageAndNothingCreated() {
        String csrf = signIn();
        String weak = TestIdpMetadata.metadataFromDer("https://idp.example.test/saml/metadata",
                List.of(TestIdpMetadata.certificateDer(512, "weak", false)), null);
        HttpResponse<String> r = postMultipart("/console/iam/providers", Map.of("_csrf", csrf, "name", "Weak"), "metadata", weak);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("class=\"alert error\"").contains("Could not parse metadata").contains("512-bit");
        assertThat(aws.iam().listSamlProviders(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void createPolicyAndSamlRoleWithTwoPoliciesThroughTheWizard() {
        String csrf = signIn();
        postMultipart("/console/iam/providers", Map.of("_csrf", csrf, "name", "Gatehouse"), "metadata",
                TestIdpMetadata.metadata("https://idp.example.test/saml/metadata"));
        for (String name : List.of("ReadOnly", "Billing")) {
            HttpResponse<String> p = postForm("/console/iam/policies", Map.of("_csrf", csrf, "name", name, "document",
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}}"));
            assertThat(p.statusCode()).as(p.body()).isEqualTo(303);
        }
        String providerArn = "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/Gatehouse";
        HttpResponse<String> wizard = get("/console/iam/roles/new");
        assertThat(wizard.body()).contains("id=\"trust-policy\"").contains(providerArn).contains("SAML:aud")
                .contains("https://signin.aws.amazon.com/saml");
        String trust = wizard.body().replaceAll("(?s).*<textarea id=\"trust-policy\"[^>]*>(.*?)</textarea>.*", "$1")
                .replace("&quot;", "\"").replace("&#34;", "\"");
        List<String> arns = aws.iam().listPolicies(ACCOUNT_ID).stream().map(IamPolicy::arn).toList();
        String body = "_csrf=" + Http.encode(csrf) + "&provider=" + Http.encode(providerArn) + "&trustPolicy=" + Http.encode(trust) + "&roleName=GatehouseUsers"
                + "&maxSessionDuration=7200&policyArn=" + Http.encode(arns.get(0)) + "&policyArn=" + Http.encode(arns.get(1));
        HttpResponse<String> created = browser.send(HttpRequest.newBuilder(URI.create(aws.baseUrl() + "/console/iam/roles"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);

        assertThat(aws.iam().getRole(ACCOUNT_ID, "GatehouseUsers").maxSessionDurationSeconds()).isEqualTo(7200);
        assertThat(aws.iam().listAttachedRolePolicies(ACCOUNT_ID, "GatehouseUsers")).extracting(IamPolicy::policyName)
                .containsExactlyInAnyOrder("ReadOnly", "Billing");
        assertThat(get("/console/iam/roles/GatehouseUsers").body()).contains("arn:aws:iam::" + ACCOUNT_ID + ":role/GatehouseUsers");
    }

    @Test
    void malformedPolicyThenAlertWithAwsMessageAndFormKept() {
        String csrf = signIn();
        HttpResponse<String> r = postForm("/console/iam/policies", Map.of("_csrf", csrf, "name", "Broken", "document", "{\"Statement\":[]}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("class=\"alert error\"").contains("Syntax errors in policy.").contains("value=\"Broken\"");
        assertThat(aws.iam().listPolicies(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void wrongSecretThenGenericRefusalAndNoSession() {
        HttpResponse<String> page = get("/console/signin");
        HttpResponse<String> r = postForm("/console/signin", Map.of("_csrf", csrf(page), "accountId", ACCOUNT_ID, "secretAccessKey", "nope"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Your authentication information is incorrect.");
        assertThat(get("/console/iam").statusCode()).isEqualTo(303);
    }

    @Test
    void postWithoutCsrfThenForbiddenAndNothingCreated() {
        signIn();
        HttpResponse<String> r = postForm("/console/iam/policies", Map.of("name", "NoCsrf", "document",
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(aws.iam().listPolicies(ACCOUNT_ID)).isEmpty();
    }

    @Test
    void anonymousIamPageRedirectsToSignIn() {
        HttpResponse<String> r = get("/console/iam/roles");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/signin?next=%2Fconsole%2Fiam%2Froles");
    }
}
