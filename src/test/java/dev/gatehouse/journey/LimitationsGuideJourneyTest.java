package dev.gatehouse.journey;

import dev.gatehouse.apps.ExternalAwsAccountTemplate;
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
 * The guide's two Limitations in the browser: one IAM Role mapping per instance (so several roles take several
 * instances, each of which must then work on its own), and no SP-initiated sign-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitationsGuideJourneyTest {
    static final String USER = "sam";
    static final String EMAIL = "sam@example.com";
    static final String READ_ONLY_APP = "AWS sandbox (read-only)";
    static final String ADMIN_APP = "AWS sandbox (administrator)";
    static final String ROLE_MAPPING = "https://aws.amazon.com/SAML/Attributes/Role";
    static final String SESSION_NAME_MAPPING = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";

    GuideWorld world;
    String readOnlyApp;
    String adminApp;
    String readOnlyRole;
    String adminRole;
    String readOnlyProvider;
    String adminProvider;

    @BeforeAll
    void start() {
        world = GuideWorld.start("limitations");
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void setupTwoInstancesEachWithItsOwnProviderAndRole() {
        world.center.adminSignsIn(GuideWorld.ADMIN, GuideWorld.PASSWORD);
        world.center.createsUser(USER, EMAIL, "Sam", "Okafor", GuideWorld.PASSWORD);
        readOnlyApp = world.center.addsApplication("External AWS Account", READ_ONLY_APP, "Read-only role");
        world.center.savesServiceProvider(readOnlyApp, world.console.acsUrl(), null);
        Path readOnlyMetadata = world.center.downloadsMetadata(readOnlyApp);
        adminApp = world.center.addsApplication("External AWS Account", ADMIN_APP, "Administrator role");
        world.center.savesServiceProvider(adminApp, world.console.acsUrl(), null);
        Path adminMetadata = world.center.downloadsMetadata(adminApp);

        world.console.rootSignsIn(GuideWorld.ACCOUNT, GuideWorld.ROOT_SECRET);
        readOnlyProvider = world.console.addsSamlProvider("GatehouseReadOnly", readOnlyMetadata);
        adminProvider = world.console.addsSamlProvider("GatehouseAdmin", adminMetadata);
        world.console.createsPolicy("SandboxRead", "Read everything",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:List*\",\"Resource\":\"*\"}]}");
        world.console.createsPolicy("SandboxAdmin", "Do everything",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        readOnlyRole = world.console.createsSamlRole("SandboxReadOnly", "GatehouseReadOnly", "SandboxRead");
        adminRole = world.console.createsSamlRole("SandboxAdministrator", "GatehouseAdmin", "SandboxAdmin");

        world.center.addsMapping(readOnlyApp, ROLE_MAPPING, readOnlyProvider + "," + readOnlyRole, "unspecified");
        world.center.addsMapping(readOnlyApp, SESSION_NAME_MAPPING, "${user:email}", "unspecified");
        world.browser.screenshot("setup-first-instance-mapped");
        assertThat(world.browser.text("#notice")).isEqualTo("Attribute mappings saved.");
    }

    @Test
    @Order(2)
    void oneIamRoleMappingPerInstanceASecondRoleRowIsRefusedWithTheGuidesSentence() {
        world.center.addsMapping(readOnlyApp, ROLE_MAPPING, adminProvider + "," + adminRole, "unspecified");
        world.browser.screenshot("second-role-mapping-refused");

        assertThat(world.browser.text("#form-errors")).contains(ExternalAwsAccountTemplate.ONE_ROLE_LIMITATION)
                .contains("External AWS Account service only supports one IAM Role attribute mapping per application instance");
        // Reloaded from storage: the refused row was never saved.
        world.browser.go(world.center.baseUrl() + "/admin/apps/" + readOnlyApp + "/mappings");
        long roleRows = world.browser.all("input[name=attribute]").stream()
                .filter(e -> ROLE_MAPPING.equals(e.getAttribute("value"))).count();
        assertThat(roleRows).isEqualTo(1);
    }

    @Test
    @Order(3)
    void spInitiatedSsoIsNotSupportedAndThePageSaysSo() {
        world.everyoneSignsOut();
        world.browser.go(world.center.baseUrl() + "/saml/sso/" + readOnlyApp);
        world.browser.screenshot("sp-initiated-not-supported");

        assertThat(world.browser.pageText()).contains("External AWS Account does not support SP initiated SSO")
                .contains("Sign in to the access portal");
    }

    @Test
    @Order(4)
    void multipleRolesTakeMultipleInstancesAndEachLandsInItsOwnRole() {
        world.administratorReturns();
        world.center.addsMapping(adminApp, ROLE_MAPPING, adminProvider + "," + adminRole, "unspecified");
        world.center.addsMapping(adminApp, SESSION_NAME_MAPPING, "${user:email}", "unspecified");
        world.center.assigns(readOnlyApp, USER + " (" + EMAIL + ")");
        world.center.assigns(adminApp, USER + " (" + EMAIL + ")");

        world.userVerifiesSso(USER, READ_ONLY_APP);
        world.browser.screenshot("first-instance-first-role");
        assertThat(world.browser.text("#assumed-role-arn"))
                .isEqualTo("arn:aws:sts::" + GuideWorld.ACCOUNT + ":assumed-role/SandboxReadOnly/" + EMAIL);
        world.userVerifiesSso(USER, ADMIN_APP);
        world.browser.screenshot("second-instance-second-role");
        assertThat(world.browser.text("#assumed-role-arn"))
                .isEqualTo("arn:aws:sts::" + GuideWorld.ACCOUNT + ":assumed-role/SandboxAdministrator/" + EMAIL);
    }
}
