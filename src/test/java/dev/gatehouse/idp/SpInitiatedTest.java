package dev.gatehouse.idp;

import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.testing.Http;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.samlxml.RedirectBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SP-initiated SSO: refused for External AWS Account as the guide says, answered for custom SAML applications. */
class SpInitiatedTest {
    static final String SP = "https://sp.example.test/metadata";
    static final String SP_ACS = "https://sp.example.test/acs";
    static TestIdentityCenter ic;
    static String customApp;

    @BeforeAll
    static void start() {
        ic = TestIdentityCenter.start();
        User erin = TestData.user(ic, "erin", "erin@example.com");
        customApp = ic.center().services().applications()
                .create("test", new AppInput("custom-saml", "Wiki", null, SP_ACS, SP, null, null)).app().id();
        ic.center().services().assignments().assign("test", customApp, Assignments.PrincipalType.USER, erin.id());
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    @Test
    void authnRequestToAwsTemplateThen400PageSayingItIsNotSupported() {
        String app = TestData.awsApp(ic, "AWS prod", "https://signin.aws.amazon.com/saml");
        var response = Http.browser(ic.baseUrl()).get("/saml/sso/" + app + "?SAMLRequest="
                + url(RedirectBinding.encode(authnRequest("_r1", "urn:amazon:webservices", null))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("External AWS Account does not support SP initiated SSO");
    }

    @Test
    void redirectBindingRequestWhenSignedInThenResponseCarriesInResponseToAndRelayState() {
        Http browser = Http.browser(ic.baseUrl()).signIn("erin", TestData.PASSWORD);
        var page = browser.get("/saml/sso/" + customApp + "?SAMLRequest="
                + url(RedirectBinding.encode(authnRequest("_req42", SP, SP_ACS))) + "&RelayState=" + url("page/7"));

        assertThat(page.statusCode()).isEqualTo(200);
        Element response = SamlResponses.document(page.body()).getDocumentElement();
        assertThat(response.getAttribute("InResponseTo")).isEqualTo("_req42");
        assertThat(response.getAttribute("Destination")).isEqualTo(SP_ACS);
        Element data = (Element) response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                "SubjectConfirmationData").item(0);
        assertThat(data.getAttribute("InResponseTo")).isEqualTo("_req42");
        assertThat(SamlResponses.field(page.body(), "RelayState")).isEqualTo("page/7");
        assertThat(SamlResponses.xml(page.body())).contains("<saml2:Audience>" + SP + "</saml2:Audience>");
    }

    @Test
    void postBindingRequestWhenSignedOutThenSignInAndResume() {
        Http browser = Http.browser(ic.baseUrl());
        String encoded = Base64.getEncoder().encodeToString(authnRequest("_req43", SP, SP_ACS).getBytes(StandardCharsets.UTF_8));
        var redirect = browser.postRaw("/saml/sso/" + customApp, Map.of("SAMLRequest", encoded, "RelayState", "rs"));
        assertThat(redirect.statusCode()).isEqualTo(303);
        String next = java.net.URLDecoder.decode(redirect.headers().firstValue("Location").orElseThrow()
                .substring("/?next=".length()), StandardCharsets.UTF_8);
        assertThat(next).startsWith("/saml/sso/" + customApp + "?SAMLRequest=");

        browser.get("/");
        var signedIn = browser.post("/login", Map.of("username", "erin", "password", TestData.PASSWORD, "next", next));
        assertThat(signedIn.headers().firstValue("Location")).hasValue(next);
        var page = browser.get(next);
        assertThat(SamlResponses.document(page.body()).getDocumentElement().getAttribute("InResponseTo")).isEqualTo("_req43");
        assertThat(SamlResponses.field(page.body(), "RelayState")).isEqualTo("rs");
    }

    @Test
    void requestFromAnotherIssuerOrForAnotherAcsThenRefused() {
        Http browser = Http.browser(ic.baseUrl()).signIn("erin", TestData.PASSWORD);
        var wrongIssuer = browser.get("/saml/sso/" + customApp + "?SAMLRequest="
                + url(RedirectBinding.encode(authnRequest("_x", "https://evil.example/sp", SP_ACS))));
        var wrongAcs = browser.get("/saml/sso/" + customApp + "?SAMLRequest="
                + url(RedirectBinding.encode(authnRequest("_y", SP, "https://evil.example/acs"))));
        var garbage = browser.get("/saml/sso/" + customApp + "?SAMLRequest=" + url("%%%not base64!"));
        var doctype = browser.get("/saml/sso/" + customApp + "?SAMLRequest=" + url(RedirectBinding.encode(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + authnRequest("_z", SP, SP_ACS))));

        assertThat(wrongIssuer.statusCode()).isEqualTo(400);
        assertThat(wrongIssuer.body()).contains("is not the SAML audience registered");
        assertThat(wrongAcs.statusCode()).isEqualTo(400);
        assertThat(wrongAcs.body()).contains("not the ACS URL registered");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(doctype.statusCode()).isEqualTo(400);
        assertThat(doctype.body()).doesNotContain("root:");
    }

    @Test
    void deeplyNestedIssuerOnEitherBindingThen400AndNothingLogged() {
        // 14,000 nested elements (just under the 100,000-byte inflation cap) deflate to a few hundred characters;
        // reading them recursively overflowed the stack.
        String nested = "<saml:Issuer>" + "<a>".repeat(14_000) + "x" + "</a>".repeat(14_000) + "</saml:Issuer>";
        String xml = authnRequest("_deep", SP, SP_ACS).replaceFirst("<saml:Issuer>[^<]*</saml:Issuer>", nested);
        Http browser = Http.browser(ic.baseUrl());
        try (LogCapture log = LogCapture.open()) {
            var redirect = browser.get("/saml/sso/" + customApp + "?SAMLRequest=" + url(RedirectBinding.encode(xml)));
            var post = browser.postRaw("/saml/sso/" + customApp,
                    Map.of("SAMLRequest", Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))));

            assertThat(redirect.statusCode()).isEqualTo(400);
            assertThat(redirect.body()).contains("nested too deeply").doesNotContain("StackOverflow");
            assertThat(post.statusCode()).isEqualTo(400);
            assertThat(post.body()).contains("nested too deeply").doesNotContain("StackOverflow");
            assertThat(log.text()).doesNotContain("StackOverflowError").doesNotContain("Unhandled error");
        }
    }

    static String authnRequest(String id, String issuer, String acs) {
        return "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\" "
                + "IssueInstant=\"2026-11-28T12:00:00Z\""
                + (acs != null ? " AssertionConsumerServiceURL=\"" + acs + "\"" : "")
                + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer></samlp:AuthnRequest>";
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
