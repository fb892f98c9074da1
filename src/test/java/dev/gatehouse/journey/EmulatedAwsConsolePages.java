package dev.gatehouse.journey;

import java.nio.file.Path;

/**
 * The emulated External AWS Account's console pages, driven as an administrator of that account would drive the
 * IAM console: root sign-in, identity providers, policies, roles, and the federated console home.
 */
final class EmulatedAwsConsolePages {
    private final GuideBrowser browser;
    private final String baseUrl;

    EmulatedAwsConsolePages(GuideBrowser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    String acsUrl() {
        return baseUrl + "/saml";
    }

    /** The address of one of the account's pages, e.g. {@code /console/iam/roles}. */
    String url(String path) {
        return baseUrl + path;
    }

    void rootSignsIn(String accountId, String secretAccessKey) {
        browser.go(baseUrl + "/console/signin");
        browser.type("#account-id", accountId);
        browser.type("#secret-access-key", secretAccessKey);
        browser.click("#signin-submit");
        browser.awaitUrl("/console/iam");
    }

    /** IAM → Identity providers → *Add provider*, uploading {@code metadata}; returns the provider's ARN. */
    String addsSamlProvider(String name, Path metadata) {
        browser.go(baseUrl + "/console/iam/providers");
        browser.click("#add-provider");
        browser.type("#provider-name", name);
        browser.attach("#metadata-file", metadata);
        browser.click("#add-provider-submit");
        browser.awaitElement("#provider-arn");
        return browser.text("#provider-arn");
    }

    /** On the provider's page, *Replace metadata* with {@code metadata}. */
    void replacesMetadata(String providerName, Path metadata) {
        browser.go(baseUrl + "/console/iam/providers/" + providerName);
        browser.attach("#metadata-file", metadata);
        browser.click("#replace-metadata");
        browser.awaitUrl("done=updated");
    }

    void createsPolicy(String name, String description, String document) {
        browser.go(baseUrl + "/console/iam/policies");
        browser.click("#create-policy");
        browser.type("#policy-name", name);
        browser.type("#policy-description", description);
        browser.type("#policy-document", document);
        browser.click("#create-policy-submit");
        browser.awaitElement("#policy-arn");
    }

    /**
     * IAM → Roles → *Create role*: SAML 2.0 federation with {@code providerName} (its pre-filled trust policy),
     * the named policies ticked; returns the role's ARN.
     */
    String createsSamlRole(String roleName, String providerName, String... policyNames) {
        browser.go(baseUrl + "/console/iam/roles");
        browser.click("#create-role");
        browser.choose("#role-provider-pick", providerName);
        browser.clickAndAwaitNewPage("#use-provider"); // the wizard's next page has #role-form too
        browser.awaitElement("#role-form");
        for (String policy : policyNames) {
            browser.click("input[name=policyArn][value$=':policy/" + policy + "']");
        }
        browser.type("#role-name", roleName);
        browser.scrollTo("#role-form");
        browser.click("#create-role-submit");
        browser.awaitElement("#role-arn");
        return browser.text("#role-arn");
    }

    /** The *Sign out* button in the console's page header; root lands on /console/signin, federated on /console/signed-out. */
    void signsOut() {
        browser.clickAndAwaitNewPage("form.signout button");
        browser.awaitUrl("/console/sign");
    }

    /**
     * IAM → Roles → *Create role* with SAML 2.0 federation and {@code providerName}, its pre-filled trust policy
     * replaced by {@code trustPolicy} (the one an identity center generated); returns the role's ARN.
     */
    String createsSamlRoleWithTrustPolicy(String roleName, String providerName, String trustPolicy) {
        browser.go(baseUrl + "/console/iam/roles");
        browser.click("#create-role");
        browser.choose("#role-provider-pick", providerName);
        browser.clickAndAwaitNewPage("#use-provider");
        browser.awaitElement("#role-form");
        browser.script("document.getElementById('trust-policy').value = arguments[0];", trustPolicy);
        browser.type("#role-name", roleName);
        browser.scrollTo("#role-form");
        browser.click("#create-role-submit");
        browser.awaitElement("#role-arn");
        return browser.text("#role-arn");
    }
}
