package dev.gatehouse.idp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.directory.User;
import dev.gatehouse.samlxml.SamlNames;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pysaml2 service provider (Debian's python3-pysaml2, which checks signatures with xmlsec1), configured only from
 * the metadata our per-instance metadata URL serves, accepts our IdP-initiated responses and reads the NameID and
 * attributes we mapped: for a Custom SAML 2.0 instance and for an External AWS Account instance. A response changed
 * after signing is refused.
 */
class Pysaml2InteropTest {
    private static final String SP_ENTITY = "https://sp.pysaml2.test/metadata";
    private static final String SP_ACS = "https://sp.pysaml2.test/acs";
    private static final String AWS_ACS = "https://signin.aws.amazon.com/saml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestIdentityCenter ic;
    private static String customApp;
    private static String awsApp;
    private String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        ic = TestIdentityCenter.start();
        User erin = ic.center().services().directory().createUser("test", new dev.gatehouse.directory.UserDraft(
                "erin", "erin@example.com", "Erin", "Example", "Erin E.", true, false), TestData.PASSWORD);
        Applications apps = ic.center().services().applications();
        customApp = apps.create("test", new AppInput("custom-saml", "Wiki", "pysaml2 interop", SP_ACS, SP_ENTITY, null, null))
                .app().id();
        apps.replaceMappings("test", customApp, List.of(
                new AttributeMapping("Subject", "${user:email}", "emailAddress"),
                new AttributeMapping("mail", "${user:email}", "basic"),
                new AttributeMapping("givenName", "${user:givenName}", "basic"),
                new AttributeMapping("displayName", "${user:name}", "basic"),
                new AttributeMapping("department", "R&D <interop>", "unspecified")));
        awsApp = TestData.awsApp(ic, "Prod account", AWS_ACS);
        for (String app : List.of(customApp, awsApp)) {
            ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, erin.id());
        }
    }

    @AfterAll
    static void stop() {
        if (ic != null) {
            ic.close();
        }
    }

    @BeforeEach
    void requirePeers() {
        python = Peers.python3With("saml2.client", "python3-pysaml2");
        Peers.xmlsec1(); // pysaml2's signature checks run xmlsec1
    }

    @Test
    void customSamlInstanceThenPysaml2AcceptsTheResponseAndReadsNameIdAndAttributes() throws IOException {
        JsonNode read = pysaml2(customApp, SP_ENTITY, SP_ACS, launch(customApp));

        assertThat(read.path("refused").isMissingNode()).as(read.toString()).isTrue();
        assertThat(read.get("issuer").asText()).isEqualTo(ic.baseUrl() + "/saml/assertion/" + customApp);
        assertThat(read.get("name_id").asText()).isEqualTo("erin@example.com");
        assertThat(read.get("name_id_format").asText()).isEqualTo(SamlNames.NAMEID_EMAIL);
        assertThat(read.get("signature_checked").asBoolean()).isTrue();
        JsonNode attributes = read.get("attributes");
        assertThat(values(attributes, "mail")).containsExactly("erin@example.com");
        assertThat(values(attributes, "givenName")).containsExactly("Erin");
        assertThat(values(attributes, "displayName")).containsExactly("Erin E.");
        assertThat(values(attributes, "department")).containsExactly("R&D <interop>");
        assertThat(attributes.size()).as(attributes.toString()).isEqualTo(4);
        assertThat(values(read, "authn_context")).containsExactly(SamlNames.AC_PASSWORD_PROTECTED);
    }

    @Test
    void externalAwsAccountInstanceThenPysaml2ActingAsAwsReadsRoleAndRoleSessionName() throws IOException {
        JsonNode read = pysaml2(awsApp, "urn:amazon:webservices", AWS_ACS, launch(awsApp));

        assertThat(read.path("refused").isMissingNode()).as(read.toString()).isTrue();
        assertThat(read.get("name_id_format").asText()).isEqualTo(SamlNames.NAMEID_PERSISTENT);
        assertThat(read.get("name_id").asText()).isNotBlank().isNotEqualTo("erin@example.com");
        JsonNode attributes = read.get("attributes");
        assertThat(values(attributes, AwsSamlRules.ROLE)).containsExactly(TestData.PROVIDER_ARN + "," + TestData.ROLE_ARN);
        assertThat(values(attributes, AwsSamlRules.ROLE_SESSION_NAME)).containsExactly("erin@example.com");
    }

    @Test
    void responseChangedAfterSigningThenPysaml2Refuses() throws IOException {
        String genuine = launch(customApp);
        String tampered = genuine.replace(">Erin<", ">Mallory<");
        assertThat(tampered).isNotEqualTo(genuine);

        JsonNode read = pysaml2(customApp, SP_ENTITY, SP_ACS, tampered);

        assertThat(read.path("refused").asText()).as(read.toString()).containsIgnoringCase("signature");
    }

    @Test
    void responseForAnotherServiceProviderThenPysaml2Refuses() throws IOException {
        JsonNode read = pysaml2(customApp, "https://someone-else.test/metadata", SP_ACS, launch(customApp));

        assertThat(read.path("refused").asText()).as(read.toString()).contains("AudienceRestrictions conditions not satisfied");
    }

    /** Signs erin in through the portal and launches {@code appId}; the SAML response XML the page would post. */
    private static String launch(String appId) {
        HttpResponse<String> page = Http.browser(ic.baseUrl()).signIn("erin", TestData.PASSWORD).get("/launch/" + appId);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return SamlResponses.xml(page.body());
    }

    /** Runs the pysaml2 service provider on {@code responseXml}, configured from the instance's metadata URL. */
    private JsonNode pysaml2(String appId, String spEntityId, String acs, String responseXml) throws IOException {
        HttpResponse<String> metadata = Http.exchange(HttpRequest.newBuilder(
                URI.create(ic.baseUrl() + "/api/apps/" + appId + "/saml-metadata")).build());
        assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
        Path metadataFile = Files.writeString(dir.resolve("idp-metadata.xml"), metadata.body());
        Path responseFile = Files.writeString(dir.resolve("response.xml"), responseXml);
        Path script = dir.resolve("pysaml2_sp.py");
        try (InputStream in = Pysaml2InteropTest.class.getResourceAsStream("/interop/pysaml2_sp.py")) {
            assertThat(in).as("src/test/resources/interop/pysaml2_sp.py").isNotNull();
            Files.copy(in, script);
        }
        Peers.Result result = Peers.run(List.of(python, script.toString(), metadataFile.toString(), spEntityId, acs,
                responseFile.toString()), Map.of(), null);
        String lastLine = result.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(lastLine).as("pysaml2 printed no JSON:\n" + result.output()).startsWith("{");
        JsonNode read = JSON.readTree(lastLine);
        System.out.println("pysaml2 as " + spEntityId + ": " + read); // what it read, for the test report
        assertThat(result.exitCode()).as(result.output()).isEqualTo(read.has("refused") ? 3 : 0);
        return read;
    }

    private static List<String> values(JsonNode node, String field) {
        JsonNode array = node.get(field);
        assertThat(array).as("%s in %s", field, node).isNotNull();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
