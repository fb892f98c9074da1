package dev.gatehouse.idp;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import dev.gatehouse.testing.Http;
import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.samlxml.SamlNames;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** IdP-initiated launches from the portal, checked element by element against the Web Browser SSO profile. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LaunchTest {
    static final String ACS = "https://signin.aws.amazon.com/saml";
    static TestIdentityCenter ic;

    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind database) {
        ic = TestIdentityCenter.start(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        ic.close();
    }

    @Test
    void launchWhenAssignedThenResponseHasExactlyTheProfileElements() {
        User alice = TestData.user(ic, "alice", "alice@example.com");
        String app = TestData.awsApp(ic, "Production", ACS);
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, alice.id());
        Http browser = Http.browser(ic.baseUrl()).signIn("alice", TestData.PASSWORD);

        var page = browser.get("/launch/" + app);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + ACS + "\"").contains("Continue to Production");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("form-action https://signin.aws.amazon.com");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        Document doc = SamlResponses.document(page.body());
        Element response = doc.getDocumentElement();
        assertThat(response.getLocalName()).isEqualTo("Response");
        assertThat(response.getAttribute("Destination")).isEqualTo(ACS);
        assertThat(response.getAttribute("Version")).isEqualTo("2.0");
        assertThat(response.getAttribute("ID")).startsWith("_").hasSize(33);
        assertThat(response.hasAttribute("InResponseTo")).isFalse();
        assertThat(SamlResponses.childNames(response)).containsExactly("Issuer", "Status", "Assertion");
        assertThat(SamlResponses.child(SamlResponses.child(response, "Status"), "StatusCode").getAttribute("Value"))
                .isEqualTo(SamlNames.STATUS_SUCCESS);

        Element assertion = SamlResponses.child(response, "Assertion");
        assertThat(SamlResponses.childNames(assertion))
                .containsExactly("Issuer", "Signature", "Subject", "Conditions", "AuthnStatement", "AttributeStatement");
        String entityId = ic.baseUrl() + "/saml/assertion/" + app;
        assertThat(SamlResponses.child(assertion, "Issuer").getTextContent()).isEqualTo(entityId);
        assertThat(SamlResponses.child(response, "Issuer").getTextContent()).isEqualTo(entityId);

        Element subject = SamlResponses.child(assertion, "Subject");
        assertThat(SamlResponses.childNames(subject)).containsExactly("NameID", "SubjectConfirmation");
        Element nameId = SamlResponses.child(subject, "NameID");
        assertThat(nameId.getTextContent()).isEqualTo(alice.subject());
        assertThat(nameId.getAttribute("Format")).isEqualTo(SamlNames.NAMEID_PERSISTENT);
        Element confirmation = SamlResponses.child(subject, "SubjectConfirmation");
        assertThat(confirmation.getAttribute("Method")).isEqualTo(SamlNames.CM_BEARER);
        Element data = SamlResponses.child(confirmation, "SubjectConfirmationData");
        assertThat(data.getAttribute("Recipient")).isEqualTo(ACS);
        Instant issued = Instant.parse(response.getAttribute("IssueInstant"));
        assertThat(Duration.between(issued, Instant.parse(data.getAttribute("NotOnOrAfter")))).isEqualTo(Duration.ofMinutes(5));

        Element conditions = SamlResponses.child(assertion, "Conditions");
        assertThat(Instant.parse(conditions.getAttribute("NotBefore"))).isBefore(issued.plusSeconds(1));
        assertThat(Instant.parse(conditions.getAttribute("NotOnOrAfter"))).isEqualTo(issued.plus(Duration.ofMinutes(5)));
        assertThat(SamlResponses.child(SamlResponses.child(conditions, "AudienceRestriction"), "Audience").getTextContent())
                .isEqualTo("urn:amazon:webservices");

        Element authn = SamlResponses.child(assertion, "AuthnStatement");
        assertThat(authn.getAttribute("SessionIndex")).isNotBlank();
        assertThat(Duration.between(issued, Instant.parse(authn.getAttribute("SessionNotOnOrAfter")))).isEqualTo(Duration.ofHours(1));
        assertThat(authn.getAttribute("AuthnInstant")).isNotBlank();

        Element attributes = SamlResponses.child(assertion, "AttributeStatement");
        assertThat(attributes.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Attribute").getLength()).isEqualTo(2);
        assertThat(attributeValues(attributes, "https://aws.amazon.com/SAML/Attributes/Role"))
                .containsExactly(TestData.PROVIDER_ARN + "," + TestData.ROLE_ARN);
        assertThat(attributeValues(attributes, "https://aws.amazon.com/SAML/Attributes/RoleSessionName"))
                .containsExactly("alice@example.com");

        Element second = SamlResponses.child(SamlResponses.document(browser.get("/launch/" + app).body())
                .getDocumentElement(), "Assertion");
        assertThat(second.getAttribute("ID")).isNotEqualTo(assertion.getAttribute("ID"));
        assertThat(SamlResponses.child(second, "AuthnStatement").getAttribute("AuthnInstant"))
                .isEqualTo(authn.getAttribute("AuthnInstant"));
    }

    @Test
    void launchWhenNotAssignedThen403AndNoAssertionAndTheAppIsNotNamed() {
        TestData.user(ic, "mallory", "mallory@example.com");
        String app = TestData.awsApp(ic, "Secret account", ACS);
        Http browser = Http.browser(ic.baseUrl()).signIn("mallory", TestData.PASSWORD);

        var page = browser.get("/launch/" + app);

        assertThat(page.statusCode()).isEqualTo(403);
        // the user may not know the application exists: the page neither names it nor drops the portal's navigation
        assertThat(page.body()).contains("You are not assigned to this application.").doesNotContain("Secret account")
                .doesNotContain("SAMLResponse").contains("href=\"/account/mfa\"");
        assertThat(browser.get("/").body()).doesNotContain("Secret account");
    }

    @Test
    void launchWhenAssignedThroughGroupThenAllowedAndListed() {
        User bob = TestData.user(ic, "bob", "bob@example.com");
        String groupId = ic.center().services().directory().createGroup("test", "Operators", List.of(bob.id())).id();
        String app = TestData.awsApp(ic, "Operations", ACS);
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.GROUP, groupId);
        Http browser = Http.browser(ic.baseUrl()).signIn("bob", TestData.PASSWORD);

        assertThat(browser.get("/").body()).contains("Operations").contains("/launch/" + app);
        var page = browser.get("/launch/" + app);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(SamlResponses.xml(page.body())).contains("bob@example.com");
    }

    @Test
    void launchWhenEmailBreaksRoleSessionNameRuleThenErrorPageNamesTheRule() {
        User odd = TestData.user(ic, "obrien", "o'brien@example.com");
        String app = TestData.awsApp(ic, "Strict", ACS);
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, odd.id());
        Http browser = Http.browser(ic.baseUrl()).signIn("obrien", TestData.PASSWORD);

        var page = browser.get("/launch/" + app);

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("[a-zA-Z_0-9+=,.@-]{2,64}").doesNotContain("SAMLResponse");
    }

    @Test
    void launchWhenSignedOutThenSentToSignInAndOnToTheLaunch() {
        User carol = TestData.user(ic, "carol", "carol@example.com");
        String app = TestData.awsApp(ic, "Sandbox", ACS);
        ic.center().services().assignments().assign("test", app, Assignments.PrincipalType.USER, carol.id());
        Http browser = Http.browser(ic.baseUrl());

        var redirect = browser.get("/launch/" + app);
        assertThat(redirect.statusCode()).isEqualTo(303);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/?next=");

        var form = browser.get(location);
        assertThat(form.body()).contains("name=\"next\" value=\"/launch/" + app + "\"");
        var signedIn = browser.post("/login", java.util.Map.of("username", "carol", "password", TestData.PASSWORD,
                "next", "/launch/" + app));
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/launch/" + app);
    }

    private static List<String> attributeValues(Element statement, String name) {
        var list = statement.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "Attribute");
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            if (a.getAttribute("Name").equals(name)) {
                var values = a.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "AttributeValue");
                return java.util.stream.IntStream.range(0, values.getLength())
                        .mapToObj(j -> values.item(j).getTextContent()).toList();
            }
        }
        return List.of();
    }
}
