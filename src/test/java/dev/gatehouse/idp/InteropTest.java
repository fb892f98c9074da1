package dev.gatehouse.idp;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Peers;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.samlxml.SafeXml;
import dev.gatehouse.samlxml.SamlNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our metadata and assertions as independent SAML implementations read them: xmlsec1 and OneLogin's python-saml. */
class InteropTest {
    static final String ACS = "https://signin.aws.amazon.com/saml";
    static TestIdentityCenter ic;
    static String app;
    static String metadata;
    static String responseXml;

    @BeforeAll
    static void launchOnce() {
        ic = TestIdentityCenter.start();
        User dana = TestData.user(ic, "dana", "dana@example.com");
        app = TestData.awsApp(ic, "Interop", ACS);
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, dana.id());
        var response = ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/api/apps/" + app + "/saml-metadata")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        metadata = response.body();
        responseXml = SamlResponses.xml(Http.browser(ic.baseUrl()).signIn("dana", TestData.PASSWORD)
                .get("/launch/" + app).body());
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    @Test
    void metadataDescribesTheInstanceAsAwsReadsIt() {
        Document doc = SafeXml.parse(metadata.getBytes(StandardCharsets.UTF_8));
        Element entity = doc.getDocumentElement();
        assertThat(entity.getLocalName()).isEqualTo("EntityDescriptor");
        assertThat(entity.getAttribute("entityID")).isEqualTo(ic.baseUrl() + "/saml/assertion/" + app);
        assertThat(entity.getAttribute("validUntil")).isNotBlank();
        Element idp = (Element) entity.getElementsByTagNameNS(SamlNames.METADATA_NS, "IDPSSODescriptor").item(0);
        assertThat(idp.getAttribute("protocolSupportEnumeration")).isEqualTo(SamlNames.PROTOCOL_NS);
        Element key = (Element) idp.getElementsByTagNameNS(SamlNames.METADATA_NS, "KeyDescriptor").item(0);
        assertThat(key.getAttribute("use")).isEqualTo("signing");
        assertThat(idp.getElementsByTagNameNS(SamlNames.METADATA_NS, "NameIDFormat").getLength()).isEqualTo(4);
        var sso = idp.getElementsByTagNameNS(SamlNames.METADATA_NS, "SingleSignOnService");
        assertThat(List.of(((Element) sso.item(0)).getAttribute("Binding"), ((Element) sso.item(1)).getAttribute("Binding")))
                .containsExactly(SamlNames.BINDING_POST, SamlNames.BINDING_REDIRECT);
    }

    @Test
    void xmlsec1VerifiesTheAssertionWithTheMetadataCertificateAndRejectsATamperedOne(@TempDir Path dir) throws IOException {
        String xmlsec1 = Peers.xmlsec1();
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + certificateBase64() + "\n-----END CERTIFICATE-----\n");
        Path good = dir.resolve("response.xml");
        Files.writeString(good, responseXml);
        Path bad = dir.resolve("tampered.xml");
        Files.writeString(bad, responseXml.replace("role/ReadOnly", "role/Admin"));

        Peers.Result ok = xmlsec1(xmlsec1, cert, good);
        Peers.Result tampered = xmlsec1(xmlsec1, cert, bad);

        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("OK");
        assertThat(tampered.exitCode()).as(tampered.output()).isNotZero();
    }

    @Test
    void oneLoginStrictModeAcceptsTheUnsolicitedResponse(@TempDir Path dir) throws IOException {
        String python = Peers.python3With("onelogin.saml2", "python3-onelogin-saml2");
        Path script = dir.resolve("check.py");
        Files.writeString(script, """
                import base64, sys
                from onelogin.saml2.response import OneLogin_Saml2_Response
                from onelogin.saml2.settings import OneLogin_Saml2_Settings
                settings = OneLogin_Saml2_Settings({
                  "strict": True,
                  "sp": {"entityId": "urn:amazon:webservices",
                         "assertionConsumerService": {"url": "https://signin.aws.amazon.com/saml"}},
                  "idp": {"entityId": sys.argv[2], "x509cert": sys.argv[3],
                          "singleSignOnService": {"url": "https://idp.invalid/sso"}},
                  "security": {"wantAssertionsSigned": True}}, sp_validation_only=True)
                data = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
                r = OneLogin_Saml2_Response(settings, data)
                ok = r.is_valid({"https": "on", "http_host": "signin.aws.amazon.com", "script_name": "/saml"}, None, raise_exceptions=False)
                print("VALID" if ok else "INVALID " + str(r.get_error()))
                print(r.get_nameid())
                """);
        Path response = dir.resolve("response.xml");
        Files.writeString(response, responseXml);
        Peers.Result result = Peers.run(List.of(python, script.toString(), response.toString(),
                ic.baseUrl() + "/saml/assertion/" + app, certificateBase64()), Map.of(), null);
        assertThat(result.output()).as(result.output()).contains("VALID").doesNotContain("INVALID");
    }

    private static Peers.Result xmlsec1(String xmlsec1, Path cert, Path file) {
        return Peers.run(List.of(xmlsec1, "--verify", "--enabled-key-data", "raw-x509-cert", "--pubkey-cert-pem",
                cert.toString(), "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", file.toString()),
                Map.of(), null);
    }

    private static String certificateBase64() {
        Document doc = SafeXml.parse(metadata.getBytes(StandardCharsets.UTF_8));
        return doc.getElementsByTagNameNS(SamlNames.DSIG_NS, "X509Certificate").item(0).getTextContent().trim();
    }
}
