package dev.gatehouse.journey;

import dev.gatehouse.TestData;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.directory.User;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages a newcomer found rough (issue 12, item 18), in headless Chromium: each step checks what can be
 * checked and saves a screenshot under {@code screenshots/newcomer-pages}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewcomerPagesJourneyTest {
    private static final String APP = "Sandbox account";
    private GuideWorld world;
    private String appId;
    private User ada;

    @BeforeAll
    void start() {
        world = GuideWorld.start("newcomer-pages");
        ada = TestData.user(world.identityCenter, "ada", "ada@example.com");
        TestData.user(world.identityCenter, "bob", "bob@example.com");
        appId = TestData.awsApp(world.identityCenter, APP, world.console.acsUrl());
        world.identityCenter.center().services().assignments().assign("test", appId,
                dev.gatehouse.apps.Assignments.PrincipalType.USER, ada.id());
        // The emulated account trusts this instance, as the guide's steps 2 and 3 would make it.
        String metadata = Http.browser(world.identityCenter.baseUrl()).get("/api/apps/" + appId + "/saml-metadata").body();
        var provider = world.aws.iam().createSamlProvider(GuideWorld.ACCOUNT, "Gatehouse", metadata);
        world.aws.iam().createRole(GuideWorld.ACCOUNT, "ReadOnly", "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithSAML"}]}"""
                .formatted(provider.arn()), 3600, "newcomer pages");
    }

    @AfterAll
    void stop() {
        world.close();
    }

    @Test
    @Order(1)
    void errorPagesKeepTheNavigation() {
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.browser.go(world.center.baseUrl() + "/admin/users/u-000000000000000000000000");
        world.browser.screenshot("admin-error-page-with-navigation");

        assertThat(world.browser.text("h1")).isEqualTo("Not found");
        assertThat(world.browser.all("nav[aria-label=Main] a")).extracting(WebElement::getText)
                .contains("Users", "Applications", "Audit log");
        assertThat(world.browser.all("form.signout")).hasSize(1);

        world.browser.go(world.center.baseUrl() + "/no/such/page");
        world.browser.screenshot("portal-error-page-with-navigation");
        assertThat(world.browser.all("nav[aria-label=Main] a")).extracting(WebElement::getText).contains("Applications");
    }

    @Test
    @Order(2)
    void theAdministratorsOwnAccountOffersOnlyWhatTheyMayDo() {
        world.browser.go(world.center.baseUrl() + "/admin/users");
        world.browser.screenshot("users-own-row-without-deactivate");
        assertThat(world.browser.all("#users button")).extracting(b -> b.getAttribute("aria-label"))
                .contains("Deactivate ada", "Deactivate bob").doesNotContain("Deactivate " + GuideWorld.ADMIN);

        String me = world.identityCenter.center().services().directory().users().findByUserName(GuideWorld.ADMIN).orElseThrow().id();
        world.browser.go(world.center.baseUrl() + "/admin/users/" + me);
        world.browser.screenshot("own-account-form");
        assertThat(world.browser.all("#delete-user-form")).isEmpty();
        assertThat(world.browser.find("#active").isEnabled()).isFalse();
        assertThat(world.browser.find("#admin").isEnabled()).isFalse();
    }

    @Test
    @Order(3)
    void auditTargetsAreNamedAndTimesStayOnOneLine() {
        world.browser.go(world.center.baseUrl() + "/admin/audit?type=USER_CREATED");
        world.browser.scrollTo("#events");
        world.browser.screenshot("audit-log-names-and-times");

        WebElement adaRow = world.browser.all("#events tbody tr").stream()
                .filter(tr -> tr.getText().contains("USER_CREATED") && tr.getText().contains("ada")).findFirst().orElseThrow();
        WebElement target = adaRow.findElement(org.openqa.selenium.By.cssSelector("td:nth-child(4) span"));
        assertThat(target.getText()).isEqualTo("ada");
        assertThat(target.getAttribute("title")).isEqualTo(ada.id());
        for (WebElement when : world.browser.all("#events tbody td:first-child")) {
            assertThat(lineBoxes(when)).as("lines of %s", when.getText()).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void attributeMappingsShowTheWholeAttributeName() {
        world.browser.go(world.center.baseUrl() + "/admin/apps/" + appId + "/mappings");
        world.browser.scrollTo("form.card table"); // the mapping rows, whatever their layout
        world.browser.screenshot("attribute-mappings-full-names");

        List<WebElement> attributes = world.browser.all("input[name=attribute]");
        assertThat(attributes).extracting(a -> a.getAttribute("value"))
                .contains(AwsSamlRules.ROLE, AwsSamlRules.ROLE_SESSION_NAME);
        for (WebElement attribute : attributes) {
            assertThat((Boolean) world.browser.script("return arguments[0].scrollWidth <= arguments[0].clientWidth", attribute))
                    .as("%s is shown in full", attribute.getAttribute("value")).isTrue();
        }
    }

    @Test
    @Order(5)
    void theOneRoleErrorSaysWhichRow() {
        world.center.addsMapping(appId, AwsSamlRules.ROLE, TestData.PROVIDER_ARN + ",arn:aws:iam::123456789012:role/Admin",
                "unspecified");
        world.browser.screenshot("second-role-row-named");

        // Subject, Role, RoleSessionName, then the added row: the fourth
        assertThat(world.browser.text("#form-errors")).contains("Row 4 maps Role again (row 2 already does).");
        assertThat(world.browser.find("label[for=attribute-3]").getText()).startsWith("Row 4");
    }

    @Test
    @Order(6)
    void theRefusalOfAnUnassignedLaunchDoesNotNameTheApp() {
        world.everyoneSignsOut();
        world.center.userSignsInToPortal("bob", GuideWorld.PASSWORD);
        world.browser.go(world.center.baseUrl() + "/launch/" + appId);
        world.browser.screenshot("unassigned-launch-refused");

        assertThat(world.browser.text("main")).contains("You are not assigned to this application.").doesNotContain(APP);
        assertThat(world.browser.all("nav[aria-label=Main] a")).extracting(WebElement::getText).contains("Applications");
    }

    @Test
    @Order(7)
    void theConsoleHasItsOwnMarkAndCountsInWords() {
        world.everyoneSignsOut();
        world.aws.iam().createPolicy(GuideWorld.ACCOUNT, "OnlyOne", "/",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}", "one");
        world.console.rootSignsIn(GuideWorld.ACCOUNT, GuideWorld.ROOT_SECRET);
        world.browser.screenshot("console-dashboard-counts");

        assertThat(world.browser.text("#tile-providers")).endsWith("1 SAML provider");
        assertThat(world.browser.text("#tile-roles")).endsWith("1 role");
        assertThat(world.browser.text("#tile-policies")).endsWith("1 customer managed policy");
        String consoleMark = (String) world.browser.script("return getComputedStyle(document.querySelector('.logo')).backgroundImage");
        world.browser.go(world.center.baseUrl() + "/");
        String gatehouseMark = (String) world.browser.script("return getComputedStyle(document.querySelector('.logo')).backgroundImage");
        assertThat(consoleMark).startsWith("url(\"data:image/svg+xml").isNotEqualTo(gatehouseMark);
        assertThat(gatehouseMark).startsWith("linear-gradient");
    }

    @Test
    @Order(8)
    void theConsolesErrorPagesKeepItsNavigation() {
        world.browser.go(world.console.url("/console/iam/roles/NoSuchRole"));
        world.browser.screenshot("console-error-page-with-navigation");

        assertThat(world.browser.find("main").getText()).contains("NoSuchRole");
        assertThat(world.browser.all("nav[aria-label=Main] a")).extracting(WebElement::getText)
                .containsExactly("IAM dashboard", "Identity providers", "Roles", "Policies", "Event history");
        assertThat(world.browser.find("main a.button").getAttribute("href")).endsWith("/console/iam");
    }

    @Test
    @Order(9)
    void aFederatedUserSignsOutOnceAndLandsOnASignedOutPage() {
        world.userVerifiesSso("ada", APP);
        world.browser.screenshot("console-home-one-sign-out");
        assertThat(world.browser.text("#assumed-role-arn")).endsWith(":assumed-role/ReadOnly/ada@example.com");
        assertThat(world.browser.all("button").stream().filter(b -> b.getText().equals("Sign out")).count()).isEqualTo(1);

        world.console.signsOut();
        world.browser.screenshot("federated-user-signed-out");
        assertThat(world.browser.url()).endsWith("/console/signed-out");
        assertThat(world.browser.text("h1")).isEqualTo("You have signed out");
        assertThat(world.browser.text("#signed-out-message")).contains("identity provider");
        assertThat(world.browser.all("#secret-access-key")).isEmpty(); // not the root user's sign-in form
    }

    /** How many lines the element's text takes on screen. */
    private long lineBoxes(WebElement element) {
        return (Long) world.browser.script("""
                const range = document.createRange(); range.selectNodeContents(arguments[0]);
                return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;""", element);
    }
}
