package dev.gatehouse;

import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;

import java.util.List;

/** Fixtures: users and applications made through the same services the API and pages use. */
public final class TestData {
    public static final String PASSWORD = "correct horse battery staple";
    public static final String PROVIDER_ARN = "arn:aws:iam::123456789012:saml-provider/Gatehouse";
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ReadOnly";

    private TestData() {
    }

    public static User user(TestIdentityCenter ic, String userName, String email) {
        return ic.center().services().directory().createUser("test",
                new UserDraft(userName, email, "Given", "Family", "Given Family", true, false), PASSWORD);
    }

    public static User admin(TestIdentityCenter ic, String userName) {
        return ic.center().services().directory().createUser("test",
                new UserDraft(userName, userName + "@example.com", "Ada", "Admin", "Ada Admin", true, true), PASSWORD);
    }

    /** An External AWS Account instance pointing at {@code acsUrl}, with Role and RoleSessionName mapped. */
    public static String awsApp(TestIdentityCenter ic, String name, String acsUrl) {
        return awsApp(ic.center().services().applications(), name, acsUrl);
    }

    /** An External AWS Account instance made through {@code apps} (a node of a cluster test, say). */
    public static String awsApp(Applications apps, String name, String acsUrl) {
        String id = apps.create("test", new AppInput("external-aws-account", name, "test", acsUrl, null, null, null)).app().id();
        apps.replaceMappings("test", id, List.of(
                new AttributeMapping("Subject", "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, PROVIDER_ARN + "," + ROLE_ARN, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
        return id;
    }
}
