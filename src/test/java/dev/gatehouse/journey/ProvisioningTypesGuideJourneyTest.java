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
 * The guide's "User Provisioning Types" with two *Custom SAML 2.0 application* instances in front of a small SaaS
 * application ({@link TestServiceProvider}): one tenant needs users provisioned beforehand under the NameID, the
 * other creates them just in time from the assertion's attributes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisioningTypesGuideJourneyTest {
    static final String WIKI = "Team wiki";
    static final String TRACKER = "Issue tracker";
    static final String ADA = "ada";
    static final String ADA_EMAIL = "ada@example.com";
    static final String BOB = "bob";
    static final String BOB_EMAIL = "bob@example.com";

    GuideWorld world;
    TestServiceProvider saas;
    String wikiApp;
    String trackerApp;

    @BeforeAll
    void start() {
        world = GuideWorld.start("provisioning-types");
        saas = TestServiceProvider.start();
    }

    @AfterAll
    void stop() {
        if (saas != null) {
            saas.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void administratorAddsACustomSamlApplicationForEachProvisioningType() {
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.center.createsUser(ADA, ADA_EMAIL, "Ada", "Lovelace", GuideWorld.PASSWORD);
        world.center.createsUser(BOB, BOB_EMAIL, "Bob", "Marley", GuideWorld.PASSWORD);
        wikiApp = customApp(WIKI, "wiki", TestServiceProvider.Provisioning.PRE_PROVISIONED);
        trackerApp = customApp(TRACKER, "tracker", TestServiceProvider.Provisioning.JUST_IN_TIME);

        // Both tenants know users by email address, so the NameID carries it.
        for (String app : new String[]{wikiApp, trackerApp}) {
            world.center.editsMapping(app, "Subject", "${user:email}", "emailAddress");
            assertThat(world.browser.text("#notice")).isEqualTo("Attribute mappings saved.");
        }
        world.center.addsMapping(trackerApp, "email", "${user:email}", "unspecified");
        world.center.addsMapping(trackerApp, "firstName", "${user:givenName}", "unspecified");
        world.center.addsMapping(trackerApp, "lastName", "${user:familyName}", "unspecified");
        world.browser.screenshot("custom-saml-jit-mappings");
        assertThat(world.browser.text("#notice")).isEqualTo("Attribute mappings saved.");

        world.center.assigns(wikiApp, ADA + " (" + ADA_EMAIL + ")");
        world.center.assigns(trackerApp, ADA + " (" + ADA_EMAIL + ")");
    }

    @Test
    @Order(2)
    void preprovisionedUsersArePushedToTheApplicationOverScimBeforeTheySignIn() {
        world.everyoneSignsOut();
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.center.setsScimTarget(wikiApp, saas.scimUrl("wiki"), saas.scimToken("wiki"));
        assertThat(world.browser.text("#notice")).contains("1 user is queued");
        assertThat(saas.accounts("wiki")).as("queued, not yet pushed").isEmpty();
        assertThat(world.scimPushRuns()).isEqualTo(1);
        assertThat(saas.accounts("wiki")).containsEntry(ADA_EMAIL, new TestServiceProvider.Account(ADA_EMAIL, ADA_EMAIL, "Ada", "Lovelace"));
        world.browser.go(world.identityCenter.baseUrl() + "/admin/apps/" + wikiApp + "/provisioning");
        world.browser.screenshot("pre-provisioned-pushed");
        assertThat(world.browser.text("#pushes")).contains("ada").contains("DONE").contains("CREATED");

        signInAndChoose(ADA, WIKI);
        world.browser.screenshot("pre-provisioned-signed-in");
        assertThat(world.browser.text("#sp-title")).isEqualTo("Signed in");
        assertThat(world.browser.text("#sp-detail")).isEqualTo("Welcome back, Ada (" + ADA_EMAIL + ").");
    }

    @Test
    @Order(3)
    void preprovisionedApplicationRefusesASubjectItDoesNotKnowUntilThePushRan() {
        world.everyoneSignsOut();
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.center.assigns(wikiApp, BOB + " (" + BOB_EMAIL + ")");
        signInAndChoose(BOB, WIKI);
        world.browser.screenshot("pre-provisioned-unknown-subject");
        assertThat(world.browser.text("#sp-title")).isEqualTo("No account");
        assertThat(world.browser.text("#sp-detail")).contains("No account exists for " + BOB_EMAIL);
        assertThat(saas.accounts("wiki")).doesNotContainKey(BOB_EMAIL);

        assertThat(world.scimPushRuns()).isEqualTo(1);
        signInAndChoose(BOB, WIKI);
        assertThat(world.browser.text("#sp-detail")).isEqualTo("Welcome back, Bob (" + BOB_EMAIL + ").");
    }

    @Test
    @Order(4)
    void jitUsersAreCreatedTheFirstTimeTheyFederate() {
        assertThat(saas.accounts("tracker")).isEmpty();
        signInAndChoose(ADA, TRACKER);
        world.browser.screenshot("jit-account-created");

        assertThat(world.browser.text("#sp-title")).isEqualTo("Account created");
        assertThat(saas.accounts("tracker")).containsEntry(ADA_EMAIL,
                new TestServiceProvider.Account(ADA_EMAIL, ADA_EMAIL, "Ada", "Lovelace"));

        signInAndChoose(ADA, TRACKER);
        world.browser.screenshot("jit-second-sign-in");
        assertThat(world.browser.text("#sp-detail")).isEqualTo("Welcome back, Ada (" + ADA_EMAIL + ").");
        assertThat(saas.accounts("tracker")).hasSize(1);
    }

    /** A Custom SAML 2.0 instance for one tenant: ACS and audience given when adding it, its metadata handed over. */
    private String customApp(String name, String tenant, TestServiceProvider.Provisioning provisioning) {
        String app = world.center.addsApplication("Custom SAML 2.0 application", name, provisioning + " users",
                saas.acsUrl(tenant), saas.entityId(tenant));
        world.browser.screenshot("custom-saml-created-" + tenant);
        Path metadata = world.center.downloadsMetadata(app);
        saas.addTenant(tenant, provisioning, metadata);
        return app;
    }

    private void signInAndChoose(String user, String app) {
        world.everyoneSignsOut();
        world.center.userSignsInToPortal(user, GuideWorld.PASSWORD);
        world.center.choosesApplication(app);
        world.browser.awaitElement("#sp-title");
    }
}
