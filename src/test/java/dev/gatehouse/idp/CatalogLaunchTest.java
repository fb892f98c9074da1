package dev.gatehouse.idp;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.Entitlement;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches of "AWS accounts" pairs: exactly one Role value, the account's sign-in endpoint as Destination and
 * Recipient, SourceIdentity and session tags, the audit entry; 403 with nothing signed for a pair not entitled;
 * a resolved tag AWS would refuse stopped with a page naming the rule; the portal's view lists exactly the pairs.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class CatalogLaunchTest {
    static final String REGIONAL = "https://eu-west-1.signin.aws.amazon.com/saml";
    static TestIdentityCenter ic;
    static String app;
    static User member;

    @Parameter
    TestDatabase.Kind database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase.Kind database) {
        ic = TestIdentityCenter.start(database);
        var services = ic.center().services();
        app = services.applications().create("test", new AppInput("aws-account-catalog", "AWS", null, null, null, null, null)).app().id();
        services.applications().replaceMappings("test", app, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:preferredUsername}", "unspecified"),
                new AttributeMapping(AwsSamlRules.SOURCE_IDENTITY, "${user:preferredUsername}", "unspecified"),
                new AttributeMapping(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Email", "${user:email}", "unspecified"),
                new AttributeMapping(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "FamilyName", "${user:familyName}", "unspecified"),
                new AttributeMapping(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Team", "Platform", "unspecified"),
                new AttributeMapping(AwsSamlRules.TRANSITIVE_TAG_KEYS, "Team", "unspecified"),
                new AttributeMapping(AwsSamlRules.TRANSITIVE_TAG_KEYS, "Email", "unspecified")));
        AwsCatalog catalog = services.catalog();
        catalog.putAccount("test", app, "111111111111", new AwsCatalog.AccountInput("Prod", "Gatehouse", REGIONAL, null));
        catalog.putAccount("test", app, "222222222222", new AwsCatalog.AccountInput("Dev", "Gatehouse", null, null));
        for (String account : List.of("111111111111", "222222222222")) {
            catalog.putRole("test", app, account, "ReadOnly", new AwsCatalog.RoleInput(null, 7200, null));
            catalog.putRole("test", app, account, "ops/Admin", new AwsCatalog.RoleInput("Admin", 900, "/console/home"));
        }
        member = TestData.user(ic, "carol", "carol@example.com");
        String group = services.directory().createGroup("test", "Ops", List.of(member.id())).id();
        catalog.entitle("test", new Entitlement(app, Assignments.PrincipalType.GROUP, group, "111111111111", "ReadOnly"));
        catalog.entitle("test", new Entitlement(app, Assignments.PrincipalType.GROUP, group, "111111111111", "ops/Admin"));
        catalog.entitle("test", new Entitlement(app, Assignments.PrincipalType.USER, member.id(), "222222222222", "ReadOnly"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        ic.close();
    }

    @Test
    void launchWhenEntitledThenOneRoleValueToTheAccountsEndpointWithSourceIdentityAndTags() {
        Http browser = Http.browser(ic.baseUrl()).signIn("carol", TestData.PASSWORD);

        var page = browser.get("/launch/" + app + "/111111111111/ops/Admin");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + REGIONAL + "\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("form-action https://eu-west-1.signin.aws.amazon.com");
        Document doc = SamlResponses.document(page.body());
        Element response = doc.getDocumentElement();
        assertThat(response.getAttribute("Destination")).isEqualTo(REGIONAL);
        Element assertion = SamlResponses.child(response, "Assertion");
        Element confirmationData = SamlResponses.child(SamlResponses.child(SamlResponses.child(assertion, "Subject"),
                "SubjectConfirmation"), "SubjectConfirmationData");
        assertThat(confirmationData.getAttribute("Recipient")).isEqualTo(REGIONAL);
        Map<String, List<String>> attributes = attributes(assertion);
        assertThat(attributes.get(AwsSamlRules.ROLE)).containsExactly(
                "arn:aws:iam::111111111111:saml-provider/Gatehouse,arn:aws:iam::111111111111:role/ops/Admin");
        assertThat(attributes.get(AwsSamlRules.SESSION_DURATION)).containsExactly("900");
        assertThat(attributes.get(AwsSamlRules.SOURCE_IDENTITY)).containsExactly("carol");
        assertThat(attributes.get(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Email")).containsExactly("carol@example.com");
        assertThat(attributes.get(AwsSamlRules.PRINCIPAL_TAG_PREFIX + "Team")).containsExactly("Platform");
        assertThat(attributes.get(AwsSamlRules.TRANSITIVE_TAG_KEYS)).containsExactly("Team", "Email");
        assertThat(SamlResponses.field(page.body(), "RelayState")).isEqualTo("/console/home");
        String assertionId = assertion.getAttribute("ID");
        assertThat(ic.center().services().audit().recent(50)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("SSO_LAUNCH");
            assertThat(e.detail()).contains("assertion=" + assertionId).contains("account=111111111111")
                    .contains("role=arn:aws:iam::111111111111:role/ops/Admin").contains("sourceIdentity=carol")
                    .contains("Email=carol@example.com").contains("Team=Platform").contains("transitiveTagKeys=Team,Email");
        });
    }

    @Test
    void launchWhenRoleNameHasIamPunctuationThenThePortalLinkLaunchesIt() {
        var services = ic.center().services();
        services.catalog().putRole("test", app, "222222222222", "team/a+b=c,d@e.f_g-h", new AwsCatalog.RoleInput(null, 3600, null));
        User frank = TestData.user(ic, "frank", "frank@example.com");
        services.catalog().entitle("test", new Entitlement(app, Assignments.PrincipalType.USER, frank.id(), "222222222222", "team/a+b=c,d@e.f_g-h"));
        Http browser = Http.browser(ic.baseUrl()).signIn("frank", TestData.PASSWORD);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/launch/[^\"]+)\"").matcher(browser.get("/aws-accounts").body());
        assertThat(link.find()).isTrue();

        var page = browser.get(link.group(1).replace("&#43;", "+"));

        assertThat(page.statusCode()).as(link.group(1) + " " + page.body()).isEqualTo(200);
        assertThat(attributes(SamlResponses.child(SamlResponses.document(page.body()).getDocumentElement(), "Assertion"))
                .get(AwsSamlRules.ROLE)).containsExactly("arn:aws:iam::222222222222:saml-provider/Gatehouse,arn:aws:iam::222222222222:role/team/a+b=c,d@e.f_g-h");
    }

    @Test
    void launchWhenNotEntitledThen403AndNothingSigned() {
        Http browser = Http.browser(ic.baseUrl()).signIn("carol", TestData.PASSWORD);
        long launchesBefore = launches();

        for (String path : List.of("/launch/" + app + "/222222222222/ops/Admin", "/launch/" + app + "/999999999999/ReadOnly",
                "/launch/" + app + "/111111111111/Nope")) {
            var page = browser.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.body()).doesNotContain("SAMLResponse");
        }
        assertThat(launches()).isEqualTo(launchesBefore);
        // The catalog's plain launch address sends the user to the AWS accounts view rather than signing anything.
        var plain = browser.get("/launch/" + app);
        assertThat(plain.statusCode()).isEqualTo(303);
        assertThat(plain.headers().firstValue("Location")).hasValue("/aws-accounts");
    }

    @Test
    void launchWhenATagResolvesToAValueAwsRefusesThenAPageNamesTheRuleAndNothingIsSigned() {
        ic.center().services().directory().createUser("test", new UserDraft("dave", "dave@example.com", "Dave",
                "O'Brien;x", "Dave", true, false), TestData.PASSWORD);
        User dave = ic.center().services().directory().users().findByUserName("dave").orElseThrow();
        ic.center().services().catalog().entitle("test", new Entitlement(app, Assignments.PrincipalType.USER, dave.id(), "222222222222", "ReadOnly"));
        long launchesBefore = launches();

        var page = Http.browser(ic.baseUrl()).signIn("dave", TestData.PASSWORD).get("/launch/" + app + "/222222222222/ReadOnly");

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("session tag FamilyName").contains("0 to 256 letters, digits, spaces or _.:/=+-@");
        assertThat(page.body()).doesNotContain("SAMLResponse");
        assertThat(launches()).isEqualTo(launchesBefore);
    }

    @Test
    void portalWhenMemberThenExactlyTheEntitledPairsWithSearchAndRecentFirst() {
        Http browser = Http.browser(ic.baseUrl()).signIn("carol", TestData.PASSWORD);
        browser.get("/launch/" + app + "/222222222222/ReadOnly");

        String view = browser.get("/aws-accounts").body();
        assertThat(count(view, "class=\"role\"")).isEqualTo(3);
        assertThat(view).contains("href=\"/launch/" + app + "/111111111111/ops/Admin\"").contains("Recently used");
        // Dev (the one just used) comes before Prod.
        assertThat(view.indexOf("id=\"account-222222222222\"")).isLessThan(view.indexOf("id=\"account-111111111111\""));
        String searched = browser.get("/aws-accounts?q=admin").body();
        assertThat(count(searched, "class=\"role\"")).isEqualTo(1);
        assertThat(browser.get("/aws-accounts?q=1111").body()).contains("account-111111111111").doesNotContain("id=\"account-222222222222\"");
        assertThat(browser.get("/").body()).contains("href=\"/aws-accounts\"").contains("3 AWS account roles");

        TestData.user(ic, "erin", "erin@example.com");
        Http outsider = Http.browser(ic.baseUrl()).signIn("erin", TestData.PASSWORD);
        assertThat(outsider.get("/aws-accounts").body()).contains("no-accounts").doesNotContain("class=\"role\"");
        assertThat(outsider.get("/").body()).doesNotContain("/aws-accounts\" class").doesNotContain("AWS account roles");
        assertThat(outsider.get("/launch/" + app + "/111111111111/ReadOnly").statusCode()).isEqualTo(403);
    }

    private static long launches() {
        return ic.center().services().audit().recent(10_000).stream().map(AuditLog.Event::type).filter("SSO_LAUNCH"::equals).count();
    }

    private static int count(String haystack, String needle) {
        return haystack.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        NodeList list = assertion.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Attribute");
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            List<String> values = new ArrayList<>();
            NodeList v = a.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "AttributeValue");
            for (int j = 0; j < v.getLength(); j++) {
                values.add(v.item(j).getTextContent());
            }
            assertThat(out.put(a.getAttribute("Name"), values)).as("one Attribute element per name").isNull();
        }
        return out;
    }
}
