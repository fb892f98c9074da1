package dev.gatehouse.journey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration guide "IAM Identity Center → External AWS Account", step by step in a real browser, through
 * the web pages only: its Setup instructions across the identity center and the emulated account, then
 * "Verifying SSO from IAM Identity Center". Each step is one test method, run in the guide's order on shared
 * state; a failed step makes the later ones fail too, as it would for the guide's reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalAwsAccountGuideJourneyTest {
    static final String USER = "ada";
    static final String EMAIL = "ada@example.com";
    static final String APP = "External AWS Account (sandbox)";
    static final String PROVIDER = "GatehouseSandbox";
    static final String ROLE = "GuideReadOnly";
    static final String S3_POLICY = "GuideS3Read";
    static final String LOGS_POLICY = "GuideLogsRead";

    GuideWorld world;
    String appId;
    Path metadata;
    String providerArn;
    String roleArn;

    @BeforeAll
    void start() {
        world = GuideWorld.start("external-aws-account-guide");
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void prerequisiteAdministratorSignsInToTheIdentityCenterConsole() {
        world.browser.go(world.center.baseUrl() + "/admin/login");
        world.browser.screenshot("admin-sign-in");
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.browser.screenshot("admin-signed-in");
        assertThat(world.browser.text("form.signout .who")).isEqualTo(GuideWorld.ADMIN);
    }

    @Test
    @Order(2)
    void prerequisiteAdministratorCreatesTheUserOnTheUsersPage() {
        world.center.createsUser(USER, EMAIL, "Ada", "Lovelace", GuideWorld.PASSWORD);
        world.browser.screenshot("user-created");
        world.browser.go(world.center.baseUrl() + "/admin/users");
        assertThat(world.browser.text("#users")).contains(USER, EMAIL);
    }

    @Test
    @Order(3)
    void configurePageFillInTheDisplayNameAndTheDescription() {
        world.browser.go(world.center.baseUrl() + "/admin/apps/new");
        world.browser.type("#displayName", APP);
        world.browser.type("#description", "Sandbox account outside the organization");
        world.browser.screenshot("add-application");
        appId = world.center.addsApplication("External AWS Account", APP, "Sandbox account outside the organization");
        world.browser.screenshot("application-configure");

        assertThat(world.browser.text("h1")).isEqualTo(APP);
        assertThat(world.browser.find("#description").getAttribute("value")).isEqualTo("Sandbox account outside the organization");
        assertThat(world.browser.pageText()).contains("Not supported (sign in from the access portal)");
    }

    @Test
    @Order(4)
    void configurePagePointTheApplicationAtTheAccountsSignInEndpointAndSaveChanges() {
        world.center.savesServiceProvider(appId, world.console.acsUrl(), null);
        world.browser.screenshot("acs-url-saved");
        assertThat(world.browser.text("#notice")).isEqualTo("Changes saved.");
        assertThat(world.browser.find("#acsUrl").getAttribute("value")).isEqualTo(world.console.acsUrl());
    }

    @Test
    @Order(5)
    void downloadTheIdentityCenterSamlMetadataAndSaveIt() throws Exception {
        metadata = world.center.downloadsMetadata(appId);
        String xml = Files.readString(metadata);
        String entityId = world.browser.text("#entity-id");

        world.browser.screenshot("metadata-downloaded");
        assertThat(metadata.getFileName().toString()).endsWith("-metadata.xml");
        assertThat(xml).contains("entityID=\"" + entityId + "\"", "<ds:X509Certificate>");
    }

    @Test
    @Order(6)
    void inTheExternalAccountCreateASamlIdentityProviderFromTheDownloadedFile() {
        world.console.rootSignsIn(GuideWorld.ACCOUNT, GuideWorld.ROOT_SECRET);
        world.browser.screenshot("aws-console-dashboard");
        world.browser.go(world.console.url("/console/iam/providers/new"));
        world.browser.type("#provider-name", PROVIDER);
        world.browser.attach("#metadata-file", metadata);
        world.browser.screenshot("aws-add-identity-provider");
        world.browser.click("#add-provider-submit");
        world.browser.awaitElement("#provider-arn");
        providerArn = world.browser.text("#provider-arn");
        world.browser.screenshot("aws-identity-provider-created");

        assertThat(providerArn).isEqualTo("arn:aws:iam::" + GuideWorld.ACCOUNT + ":saml-provider/" + PROVIDER);
        world.center.opensConfigure(appId);
        String issuer = world.browser.text("#entity-id");
        world.browser.go(world.console.url("/console/iam/providers/" + PROVIDER));
        assertThat(world.browser.text("#provider-entity-id")).isEqualTo(issuer);
    }

    @Test
    @Order(7)
    void inTheExternalAccountCreateIamPoliciesForTheUseCase() {
        world.console.createsPolicy(S3_POLICY, "Read the sandbox's buckets",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\",\"s3:List*\"],\"Resource\":\"*\"}]}");
        world.browser.screenshot("aws-policy-created");
        world.console.createsPolicy(LOGS_POLICY, "Read the sandbox's logs",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:Get*\",\"Resource\":\"*\"}]}");
        world.browser.go(world.console.url("/console/iam/policies"));
        assertThat(world.browser.text("#policies")).contains(S3_POLICY, LOGS_POLICY);
    }

    @Test
    @Order(8)
    void inTheExternalAccountCreateARoleForSamlFederationTrustingTheProviderWithBothPolicies() {
        world.browser.go(world.console.url("/console/iam/roles/new"));
        world.browser.screenshot("aws-create-role");
        roleArn = world.console.createsSamlRole(ROLE, PROVIDER, S3_POLICY, LOGS_POLICY);
        world.browser.screenshot("aws-role-created");

        assertThat(roleArn).isEqualTo("arn:aws:iam::" + GuideWorld.ACCOUNT + ":role/" + ROLE);
        assertThat(world.browser.text("#attached-policies")).contains(S3_POLICY, LOGS_POLICY);
        assertThat(world.browser.find("#trust-policy").getAttribute("value"))
                .contains(providerArn, "sts:AssumeRoleWithSAML", "SAML:aud");
    }

    @Test
    @Order(9)
    void goBackAndAddTheRoleAndRoleSessionNameAttributeMappings() {
        world.center.opensConfigure(appId);
        world.center.addsMapping(appId, "https://aws.amazon.com/SAML/Attributes/Role",
                providerArn + "," + roleArn, "unspecified");
        assertThat(world.browser.text("#notice")).isEqualTo("Attribute mappings saved.");
        world.center.addsMapping(appId, "https://aws.amazon.com/SAML/Attributes/RoleSessionName",
                "${user:email}", "unspecified");
        world.browser.screenshot("attribute-mappings");

        assertThat(world.browser.text("#notice")).isEqualTo("Attribute mappings saved.");
        assertThat(world.browser.find("#value-1").getAttribute("value")).isEqualTo(providerArn + "," + roleArn);
        assertThat(world.browser.find("#value-2").getAttribute("value")).isEqualTo("${user:email}");
    }

    @Test
    @Order(10)
    void assignAUserToTheApplication() {
        world.center.assigns(appId, USER + " (" + EMAIL + ")");
        world.browser.screenshot("assignments");
        assertThat(world.browser.text("#notice")).isEqualTo("Assigned " + USER + " (" + EMAIL + ").");
    }

    @Test
    @Order(11)
    void verificationStartsWithTheUserSignedOutOfBothSides() {
        world.everyoneSignsOut();
        world.browser.go(world.center.baseUrl() + "/admin/apps");
        world.browser.screenshot("signed-out");
        assertThat(world.browser.url()).contains("/admin/login");
        world.browser.go(world.console.url("/console/iam"));
        assertThat(world.browser.url()).contains("/console/signin");
    }

    @Test
    @Order(12)
    void verifyingSsoFromTheIdentityCenterLandsOnTheConsoleAsTheRoleWithTheMappedSessionName() {
        world.center.userSignsInToPortal(USER, GuideWorld.PASSWORD);
        world.browser.screenshot("portal-tiles");
        world.center.choosesApplication(APP);
        world.browser.awaitUrl("/console/home");
        world.browser.screenshot("aws-console-home");

        assertThat(world.browser.text("#assumed-role-arn"))
                .isEqualTo("arn:aws:sts::" + GuideWorld.ACCOUNT + ":assumed-role/" + ROLE + "/" + EMAIL);
        assertThat(world.browser.text("#session-name")).isEqualTo(EMAIL);
        assertThat(world.browser.text("#attached-policies")).contains(S3_POLICY, LOGS_POLICY);
    }
}
