package dev.gatehouse.journey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's Troubleshooting table, each row made to happen in the browser and then fixed as its Solution
 * column says: "Invalid SAML response" (metadata of another instance uploaded) fixed by uploading the right
 * instance's metadata, and "Access Denied" (role name in the wrong case) fixed by copying the exact ARN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TroubleshootingGuideJourneyTest {
    static final String USER = "lin";
    static final String EMAIL = "lin@example.com";
    static final String PROD = "AWS production";
    static final String STAGING = "AWS staging";
    static final String PROVIDER = "GatehouseProd";
    static final String ROLE = "ProdOperator";
    static final String ROLE_MAPPING = "https://aws.amazon.com/SAML/Attributes/Role";

    GuideWorld world;
    String prodApp;
    Path prodMetadata;
    String providerArn;
    String roleArn;

    @BeforeAll
    void start() {
        world = GuideWorld.start("troubleshooting");
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void setupFollowsTheGuideButTheProviderGetsTheMetadataOfAnotherInstance() {
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.center.createsUser(USER, EMAIL, "Lin", "Chen", GuideWorld.PASSWORD);
        prodApp = world.center.addsApplication("External AWS Account", PROD, "Production account");
        world.center.savesServiceProvider(prodApp, world.console.acsUrl(), null);
        prodMetadata = world.center.downloadsMetadata(prodApp);
        String stagingApp = world.center.addsApplication("External AWS Account", STAGING, "Another instance");
        Path stagingMetadata = world.center.downloadsMetadata(stagingApp);

        world.console.rootSignsIn(GuideWorld.ACCOUNT, GuideWorld.ROOT_SECRET);
        providerArn = world.console.addsSamlProvider(PROVIDER, stagingMetadata);
        world.console.createsPolicy("ProdRead", "Read production",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}]}");
        roleArn = world.console.createsSamlRole(ROLE, PROVIDER, "ProdRead");

        world.center.addsMapping(prodApp, ROLE_MAPPING, providerArn + "," + roleArn, "unspecified");
        world.center.addsMapping(prodApp, "https://aws.amazon.com/SAML/Attributes/RoleSessionName", "${user:email}", "unspecified");
        world.center.assigns(prodApp, USER + " (" + EMAIL + ")");
        world.browser.screenshot("setup-assigned");
        assertThat(world.browser.text("#notice")).startsWith("Assigned " + USER);
    }

    @Test
    @Order(2)
    void invalidSamlResponseWhenTheProviderHoldsTheMetadataOfAnotherInstance() {
        world.userVerifiesSso(USER, PROD);
        world.browser.screenshot("invalid-saml-response");

        assertThat(world.browser.text("#error-message")).contains("Your request included an invalid SAML response");
        assertThat(world.browser.all("#assumed-role-arn")).isEmpty();
    }

    @Test
    @Order(3)
    void solutionUploadTheCorrectInstancesMetadataToTheProviderThenSignInWorks() {
        world.everyoneSignsOut();
        world.console.rootSignsIn(GuideWorld.ACCOUNT, GuideWorld.ROOT_SECRET);
        world.console.replacesMetadata(PROVIDER, prodMetadata);
        world.browser.screenshot("provider-metadata-replaced");

        world.userVerifiesSso(USER, PROD);
        assertThat(world.browser.text("#assumed-role-arn"))
                .isEqualTo("arn:aws:sts::" + GuideWorld.ACCOUNT + ":assumed-role/" + ROLE + "/" + EMAIL);
    }

    @Test
    @Order(4)
    void accessDeniedWhenTheRoleNameInTheMappingDiffersInCase() {
        world.administratorReturns();
        world.center.editsMapping(prodApp, ROLE_MAPPING, providerArn + "," + roleArn.replace(ROLE, ROLE.toLowerCase()));
        assertThat(world.browser.text("#notice")).isEqualTo("Attribute mappings saved.");

        world.userVerifiesSso(USER, PROD);
        world.browser.screenshot("access-denied");
        assertThat(world.browser.text("#error-message")).contains("Not authorized to perform sts:AssumeRoleWithSAML");
        assertThat(world.browser.all("#assumed-role-arn")).isEmpty();
    }

    @Test
    @Order(5)
    void solutionCopyTheExactCaseSensitiveArnsThenSignInWorks() {
        world.administratorReturns();
        world.center.editsMapping(prodApp, ROLE_MAPPING, providerArn + "," + roleArn);

        world.userVerifiesSso(USER, PROD);
        world.browser.screenshot("signed-in-after-fix");
        assertThat(world.browser.text("#assumed-role-arn"))
                .isEqualTo("arn:aws:sts::" + GuideWorld.ACCOUNT + ":assumed-role/" + ROLE + "/" + EMAIL);
    }
}
