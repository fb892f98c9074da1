package dev.gatehouse.journey;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's "Done when", in Chromium through the web pages only: an administrator builds an "AWS accounts" catalog
 * of three emulated accounts with two roles each, uploads its one metadata document to all three accounts'
 * providers, creates the roles with the trust policies the console generated, and entitles a group to four of the
 * six pairs. A member sees exactly those four and lands directly in each (no role picker) with SourceIdentity and
 * session tags on the console home; a pair not entitled is refused; a non-member sees nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsAccountCatalogJourneyTest {
    static final String APP = "AWS accounts";
    static final String PROVIDER = "Gatehouse";
    static final String MEMBER = "mia";
    static final String OUTSIDER = "noah";
    static final String GROUP = "AWS operators";
    static final List<String> ROLES = List.of("Developer", "ReadOnly");
    /** The four pairs the group gets; the other two (222222222222 Developer, 333333333333 ReadOnly) it does not. */
    static final List<String[]> ENTITLED = List.of(new String[]{"123456789012", "Developer"}, new String[]{"123456789012", "ReadOnly"},
            new String[]{"222222222222", "ReadOnly"}, new String[]{"333333333333", "Developer"});

    GuideWorld world;
    String appId;
    final Map<String, String> accounts = new LinkedHashMap<>(); // account ID → root secret
    final Map<String, String> names = Map.of("123456789012", "Production", "222222222222", "Staging", "333333333333", "Sandbox");

    @BeforeAll
    void start() {
        world = GuideWorld.start("aws-account-catalog");
        // What the journey presupposes: three emulated accounts with root keys (`gatehouse aws-emulator accounts create`).
        accounts.put(GuideWorld.ACCOUNT, GuideWorld.ROOT_SECRET);
        for (String id : List.of("222222222222", "333333333333")) {
            accounts.put(id, world.aws.emulator().accounts().create(id).secretAccessKey());
        }
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void administratorCreatesUsersAGroupAndTheCatalog() {
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.center.createsUser(MEMBER, "mia@example.com", "Mia", "Moreau", GuideWorld.PASSWORD);
        world.center.createsUser(OUTSIDER, "noah@example.com", "Noah", "Nakamura", GuideWorld.PASSWORD);
        world.center.createsGroup(GROUP, MEMBER + " (mia@example.com)");
        appId = world.center.addsApplication(APP, APP, "Every AWS account we run");
        // Session tags from user attributes; SourceIdentity is mapped by default.
        world.center.addsMapping(appId, "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Email", "${user:email}", "unspecified");
        world.center.addsMapping(appId, "https://aws.amazon.com/SAML/Attributes/PrincipalTag:FamilyName", "${user:familyName}", "unspecified");
        world.center.addsMapping(appId, "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys", "Email", "unspecified");
        assertThat(world.browser.all("#form-errors")).isEmpty();
        world.browser.screenshot("catalog-mappings");
    }

    @Test
    @Order(2)
    void administratorAddsThreeAccountsWithTwoRolesEach() {
        for (String id : accounts.keySet()) {
            world.center.addsCatalogAccount(appId, id, names.get(id), PROVIDER, world.console.acsUrl());
            for (String role : ROLES) {
                world.center.addsCatalogRole(appId, names.get(id) + " (" + id + ")", role, role + " in " + names.get(id));
            }
        }
        world.browser.go(world.center.baseUrl() + "/admin/apps/" + appId + "/accounts");
        assertThat(world.browser.all("section.catalog-account")).hasSize(3);
        assertThat(world.browser.all("pre.trust-policy")).hasSize(6);
        world.browser.script("document.querySelector('#account-123456789012 details').open = true;");
        world.browser.scrollTo("#account-123456789012");
        world.browser.screenshot("catalog-accounts-and-trust-policy");
    }

    @Test
    @Order(3)
    void inEachAccountTheOneMetadataDocumentAndTheGeneratedTrustPolicies() {
        world.browser.go(world.center.baseUrl() + "/admin/apps/" + appId + "/accounts");
        Path metadata = world.browser.download("#download-metadata");
        Map<String, String> policies = new LinkedHashMap<>();
        for (String id : accounts.keySet()) {
            for (String role : ROLES) {
                String policy = world.center.catalogTrustPolicy(appId, id, role);
                assertThat(policy).contains("arn:aws:iam::" + id + ":saml-provider/" + PROVIDER)
                        .contains("sts:SetSourceIdentity").contains("sts:TagSession").contains("\"SAML:aud\" : \"https://signin.aws.amazon.com/saml\"");
                policies.put(id + "/" + role, policy);
            }
        }
        world.center.signsOut();
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            world.console.rootSignsIn(account.getKey(), account.getValue());
            assertThat(world.console.addsSamlProvider(PROVIDER, metadata)).isEqualTo("arn:aws:iam::" + account.getKey() + ":saml-provider/" + PROVIDER);
            for (String role : ROLES) {
                assertThat(world.console.createsSamlRoleWithTrustPolicy(role, PROVIDER, policies.get(account.getKey() + "/" + role)))
                        .isEqualTo("arn:aws:iam::" + account.getKey() + ":role/" + role);
            }
            world.console.signsOut();
        }
    }

    @Test
    @Order(4)
    void administratorEntitlesTheGroupToFourOfTheSixPairs() {
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        for (String[] pair : ENTITLED) {
            world.center.entitles(appId, GROUP, names.get(pair[0]) + " (" + pair[0] + ") · " + pair[1]);
        }
        assertThat(world.browser.all("#entitlements tbody tr")).hasSize(4);
        world.browser.screenshot("catalog-entitlements");
    }

    @Test
    @Order(5)
    void memberSeesExactlyFourRolesAndEachLandsDirectlyWithSourceIdentityAndTags() {
        world.everyoneSignsOut();
        world.center.userSignsInToPortal(MEMBER, GuideWorld.PASSWORD);
        world.center.choosesApplication(APP); // the tile opens the AWS accounts view
        world.browser.awaitUrl("/aws-accounts");
        assertThat(world.browser.all("tr.role")).hasSize(4);
        world.browser.screenshot("portal-aws-accounts");
        for (String[] pair : ENTITLED) {
            world.browser.go(world.center.baseUrl() + "/aws-accounts");
            world.browser.click("#launch-" + pair[0] + "-" + pair[1]);
            world.browser.awaitUrl(world.aws.baseUrl());
            world.browser.awaitElement("#assumed-role-arn, #error-message, #saml_form");
            assertThat(world.browser.all("#saml_form")).as("no role picker").isEmpty();
            assertThat(world.browser.text("#assumed-role-arn")).isEqualTo("arn:aws:sts::" + pair[0] + ":assumed-role/" + pair[1] + "/" + MEMBER);
            assertThat(world.browser.text("#source-identity")).isEqualTo(MEMBER);
            assertThat(world.browser.text("#session-tags")).contains("Email = mia@example.com").contains("FamilyName = Moreau");
            if (pair == ENTITLED.get(0)) {
                world.browser.screenshot("console-home-source-identity-and-tags");
            }
        }
        // Recently used first: the last pair launched now heads the list.
        world.browser.go(world.center.baseUrl() + "/aws-accounts");
        assertThat(world.browser.all("section.account").get(0).getAttribute("id")).isEqualTo("account-" + ENTITLED.get(3)[0]);
        world.browser.type("#q", "readonly");
        world.browser.clickAndAwaitNewPage("#search");
        assertThat(world.browser.all("tr.role")).hasSize(2);
        world.browser.screenshot("portal-aws-accounts-search");
    }

    @Test
    @Order(6)
    void aPairNotEntitledIsRefusedAndANonMemberSeesNothing() {
        world.browser.go(world.center.baseUrl() + "/launch/" + appId + "/222222222222/Developer");
        assertThat(world.browser.pageText()).contains("You are not entitled to role Developer in account 222222222222");
        assertThat(world.browser.url()).startsWith(world.center.baseUrl());
        world.browser.screenshot("catalog-not-entitled");
        world.center.userSignsOutOfPortal();

        world.center.userSignsInToPortal(OUTSIDER, GuideWorld.PASSWORD);
        assertThat(world.browser.all("a.tile")).isEmpty();
        world.browser.go(world.center.baseUrl() + "/aws-accounts");
        assertThat(world.browser.all("#no-accounts")).hasSize(1);
        assertThat(world.browser.all("tr.role")).isEmpty();
        world.browser.go(world.center.baseUrl() + "/launch/" + appId + "/123456789012/ReadOnly");
        assertThat(world.browser.pageText()).contains("You are not entitled");
        List<WebElement> none = world.browser.all("#assumed-role-arn");
        assertThat(none).isEmpty();
    }
}
