package dev.gatehouse.journey;

import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

/**
 * The identity center's pages as the guide's reader uses them: the admin console (users, *Add application*, the
 * Configure, Attribute mappings and Assignments tabs) and the access portal. Every action is a click or a key
 * press in the browser; nothing here calls an API.
 */
final class IdentityCenterPages {
    private final GuideBrowser browser;
    private final String baseUrl;

    IdentityCenterPages(GuideBrowser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    void adminSignsIn(String userName, String password) {
        browser.go(baseUrl + "/admin/login");
        browser.type("#username", userName);
        browser.type("#password", password);
        browser.click("#signin-button");
        browser.awaitElement("form.signout");
    }

    void createsUser(String userName, String email, String givenName, String familyName, String password) {
        browser.go(baseUrl + "/admin/users");
        browser.click("#add-user");
        browser.type("#userName", userName);
        browser.type("#email", email);
        browser.type("#givenName", givenName);
        browser.type("#familyName", familyName);
        browser.type("#displayName", givenName + " " + familyName);
        browser.type("#password", password);
        browser.click("#save-user");
        browser.awaitUrl("done=created");
    }

    /** *Add application* from a template; returns the new instance's id (from the Configure page's address). */
    String addsApplication(String templateTitle, String displayName, String description) {
        return addsApplication(templateTitle, displayName, description, null, null);
    }

    /** *Add application* with the service provider's ACS URL and audience (a Custom SAML 2.0 application needs them). */
    String addsApplication(String templateTitle, String displayName, String description, String acsUrl, String audience) {
        browser.go(baseUrl + "/admin/apps");
        browser.click("#add-application");
        browser.find("label[for^='template-']");
        for (WebElement label : browser.all("label[for^='template-']")) {
            if (label.getText().startsWith(templateTitle)) {
                label.click();
            }
        }
        browser.type("#displayName", displayName);
        browser.type("#description", description);
        if (acsUrl != null) {
            browser.type("#acsUrl", acsUrl);
            browser.type("#audience", audience);
        }
        browser.click("#create-application");
        browser.awaitElement("#tab-configure");
        String path = browser.url().substring(baseUrl.length());
        return path.replaceFirst("^/admin/apps/([^/?]+).*$", "$1");
    }

    void opensConfigure(String appId) {
        browser.go(baseUrl + "/admin/apps/" + appId);
    }

    /** On the Configure tab: the service provider's ACS URL (and audience when given), then *Save changes*. */
    void savesServiceProvider(String appId, String acsUrl, String audience) {
        opensConfigure(appId);
        browser.type("#acsUrl", acsUrl);
        if (audience != null) {
            browser.type("#audience", audience);
        }
        browser.clickAndAwaitNewPage("#save-changes");
        browser.awaitElement("#notice");
    }

    Path downloadsMetadata(String appId) {
        opensConfigure(appId);
        return browser.download("#download-metadata");
    }

    /** Fills the empty row of the Attribute mappings tab ("Add a new attribute mapping") and saves. */
    void addsMapping(String appId, String attribute, String value, String format) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/mappings");
        int empty = browser.all("input[name=attribute]").size() - 1;
        browser.type("#attribute-" + empty, attribute);
        browser.type("#value-" + empty, value);
        browser.choose("#format-" + empty, format);
        browser.clickAndAwaitNewPage("#save-mappings");
    }

    /** Changes the value of the row mapping {@code attribute} and saves. */
    void editsMapping(String appId, String attribute, String value) {
        editsMapping(appId, attribute, value, null);
    }

    /** Changes the value (and the format, unless {@code null}) of the row mapping {@code attribute} and saves. */
    void editsMapping(String appId, String attribute, String value, String format) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/mappings");
        List<WebElement> attributes = browser.all("input[name=attribute]");
        for (int i = 0; i < attributes.size(); i++) {
            if (attribute.equals(attributes.get(i).getAttribute("value"))) {
                browser.type("#value-" + i, value);
                if (format != null) {
                    browser.choose("#format-" + i, format);
                }
            }
        }
        browser.clickAndAwaitNewPage("#save-mappings");
    }

    void assigns(String appId, String userLabel) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/assignments");
        browser.choose("#principal", userLabel);
        browser.clickAndAwaitNewPage("#assign");
        browser.awaitElement("#notice");
    }

    /** The application's *Provisioning* tab: the SCIM base URL and bearer token of the application, saved. */
    void setsScimTarget(String appId, String baseUrl, String token) {
        browser.go(this.baseUrl + "/admin/apps/" + appId);
        browser.clickAndAwaitNewPage("#tab-provisioning");
        browser.type("#baseUrl", baseUrl);
        browser.type("#token", token);
        browser.clickAndAwaitNewPage("#save-provisioning");
        browser.awaitElement("#notice");
    }

    /** The *Sign out* button in the page header, on whichever identity-center page is showing. */
    void signsOut() {
        browser.clickAndAwaitNewPage("form.signout button");
    }

    void userSignsInToPortal(String userName, String password) {
        browser.go(baseUrl + "/");
        browser.type("#username", userName);
        browser.type("#password", password);
        browser.click("#signin-button");
        browser.awaitElement("form.signout");
    }

    /** Chooses the application's tile; the browser then follows the auto-posted SAML response. */
    void choosesApplication(String displayName) {
        for (WebElement tile : browser.all("a.tile")) {
            if (tile.findElement(org.openqa.selenium.By.tagName("strong")).getText().equals(displayName)) {
                tile.click();
                return;
            }
        }
        throw new AssertionError("no tile named " + displayName + " in the portal: " + browser.pageText());
    }

    void userSignsOutOfPortal() {
        browser.go(baseUrl + "/");
        signsOut();
    }

    /** Groups → *Create group*, then *Add member* with {@code memberLabel} ("userName (email)"). */
    void createsGroup(String name, String memberLabel) {
        browser.go(baseUrl + "/admin/groups");
        browser.type("#displayName", name);
        browser.click("#create-group");
        browser.awaitUrl("done=created");
        browser.choose("#userId", memberLabel);
        browser.clickAndAwaitNewPage("#add-member");
        browser.awaitElement("#members");
    }

    /** An AWS accounts instance's *Accounts and roles* tab: *Save account* with the account's details. */
    void addsCatalogAccount(String appId, String accountId, String displayName, String providerName, String signInUrl) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/accounts");
        browser.type("#account-id", accountId);
        browser.type("#account-name", displayName);
        browser.type("#provider-name", providerName);
        browser.type("#sign-in-url", signInUrl);
        browser.clickAndAwaitNewPage("#save-account");
        browser.awaitElement("#notice");
    }

    /** The same tab: *Save role* for one account (its option label is "display name (account ID)"). */
    void addsCatalogRole(String appId, String accountLabel, String roleName, String description) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/accounts");
        browser.choose("#role-account", accountLabel);
        browser.type("#role-name", roleName);
        browser.type("#role-description", description);
        browser.clickAndAwaitNewPage("#save-role");
        browser.awaitElement("#notice");
    }

    /** The trust policy the console generated for one role (read from its collapsed panel). */
    String catalogTrustPolicy(String appId, String accountId, String roleName) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/accounts");
        return browser.find("#trust-policy-" + accountId + "-" + roleName).getAttribute("textContent");
    }

    /** The *Entitlements* tab: entitles {@code principalLabel} to the pair labelled "name (account) · role". */
    void entitles(String appId, String principalLabel, String pairLabel) {
        browser.go(baseUrl + "/admin/apps/" + appId + "/entitlements");
        browser.choose("#principal", principalLabel);
        browser.choose("#pair", pairLabel);
        browser.clickAndAwaitNewPage("#entitle");
        browser.awaitElement("#notice");
    }
}
