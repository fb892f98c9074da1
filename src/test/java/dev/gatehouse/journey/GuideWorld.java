package dev.gatehouse.journey;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.awsemulator.TestAwsEmulator;

/**
 * What the guide presupposes, and nothing more: an identity center with one administrator, an emulated External
 * AWS Account with its root key, each on a free port with a fresh data directory, and a browser. Everything the
 * guide describes is then done through the pages. Close it at the end of the test class.
 */
final class GuideWorld implements AutoCloseable {
    static final String ADMIN = "grace";
    static final String PASSWORD = TestData.PASSWORD;
    static final String ACCOUNT = TestAwsEmulator.ACCOUNT_ID;
    static final String ROOT_SECRET = TestAwsEmulator.SECRET;

    final GuideBrowser browser;
    final TestIdentityCenter identityCenter;
    final TestAwsEmulator aws;
    final IdentityCenterPages center;
    final EmulatedAwsConsolePages console;

    private GuideWorld(GuideBrowser browser, TestIdentityCenter identityCenter, TestAwsEmulator aws) {
        this.browser = browser;
        this.identityCenter = identityCenter;
        this.aws = aws;
        this.center = new IdentityCenterPages(browser, identityCenter.baseUrl());
        this.console = new EmulatedAwsConsolePages(browser, aws.baseUrl());
    }

    /** The SCIM push worker runs once (on a server, every few seconds); returns how many pushes ran. */
    int scimPushRuns() {
        return identityCenter.center().services().scimPush().runDue();
    }

    /** Opens the browser first, so a machine without Chromium skips before any server starts. */
    static GuideWorld start(String suite) {
        GuideBrowser browser = GuideBrowser.open(suite);
        TestIdentityCenter ic = null;
        try {
            // No background SCIM push: a journey runs the worker where the story says it runs.
            ic = TestIdentityCenter.start(TestIdentityCenter.defaultKind(), c -> c.withScimPushInterval(java.time.Duration.ZERO));
            // The administrator exists before the guide starts (gatehouse admin create-admin does the same).
            TestData.admin(ic, ADMIN);
            return new GuideWorld(browser, ic, TestAwsEmulator.start());
        } catch (RuntimeException | Error e) {
            if (ic != null) {
                ic.close();
            }
            browser.close();
            throw e;
        }
    }

    /** The guide's Verification note: the user starts signed out of both the identity center and the account. */
    void everyoneSignsOut() {
        browser.go(center.baseUrl() + "/");
        if (!browser.all("form.signout").isEmpty()) {
            center.signsOut();
        }
        // A federated session shows its header on the console home, a root session on the IAM pages.
        for (String page : new String[]{"/console/home", "/console/iam"}) {
            browser.go(aws.baseUrl() + page);
            if (!browser.all("form.signout").isEmpty()) {
                console.signsOut();
            }
        }
    }

    /**
     * "Verifying SSO from IAM Identity Center": signed out of both sides, the user signs in to the portal and
     * chooses the application; returns once the emulated account has answered (console home or an error page).
     */
    void userVerifiesSso(String userName, String appName) {
        everyoneSignsOut();
        center.userSignsInToPortal(userName, PASSWORD);
        center.choosesApplication(appName);
        browser.awaitUrl(aws.baseUrl());
        browser.awaitElement("#assumed-role-arn, #error-message");
    }

    /** Back to administration after a verification: everyone out, the administrator in again. */
    void administratorReturns() {
        everyoneSignsOut();
        center.adminSignsIn(ADMIN, PASSWORD);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            try {
                identityCenter.close();
            } finally {
                aws.close();
            }
        }
    }
}
