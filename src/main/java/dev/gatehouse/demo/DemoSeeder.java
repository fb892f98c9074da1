package dev.gatehouse.demo;

import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.ids.RandomIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Seeds the demo: an administrator and a user, one External AWS Account instance assigned to the user, and — in
 * the emulated AWS account — a SAML provider made from that instance's downloaded metadata, a policy and a role
 * trusting the provider, so the demo user's tile signs straight in. Idempotent: a second run finds what the first
 * made, sets fresh passwords, which it prints, and points whatever names a port at the ports of this run (the
 * instance's ACS, the provider's metadata), since a restart may use other ones.
 */
public final class DemoSeeder {
    public static final String ACCOUNT_ID = "111122223333";
    public static final String APP_NAME = "Demo AWS account";
    public static final String PROVIDER = "Gatehouse";
    public static final String ROLE = "DemoReadOnly";
    /** The demo account's root key: fixed so the README can name it; the demo listens on 127.0.0.1 unless told otherwise. */
    public static final RootCredential ROOT = new RootCredential(ACCOUNT_ID, "AKIAGATEHOUSEDEMO001",
            "gatehouseDemoSecretKey/DoNotUseOutsideTheDemo0");
    /** Who the audit log names for the seeding: a system actor, so it never reads as the demo user's doing. */
    public static final String ACTOR = "system:demo-seed";

    /** What the demo prints for the newcomer, and the application the demo user's tile launches. */
    public record Credentials(String adminPassword, String userPassword, String appId) {
    }

    private final IdentityCenter center;
    private final AwsEmulator aws;
    private final RandomIds ids = new RandomIds(new SecureRandom());

    public DemoSeeder(IdentityCenter center, AwsEmulator aws) {
        this.center = center;
        this.aws = aws;
    }

    public Credentials seed() {
        Directory directory = center.services().directory();
        String adminPassword = newPassword();
        String userPassword = newPassword();
        upsertUser(directory, new UserDraft("admin", "admin@example.com", "Ada", "Admin", "Ada Admin", true, true), adminPassword);
        User demo = upsertUser(directory, new UserDraft("demo", "demo@example.com", "Dee", "Mo", "Dee Mo", true, false), userPassword);

        Applications apps = center.services().applications();
        String appId = apps.list().stream().filter(a -> a.displayName().equals(APP_NAME)).map(a -> a.id()).findFirst()
                .orElseGet(() -> createApp(apps, demo));
        String acs = acsUrl();
        if (!apps.find(appId).acsUrl().equals(acs)) {
            apps.update(ACTOR, appId, new AppInput(null, null, null, acs, null, null, null));
        }
        seedAwsAccount(appId);
        return new Credentials(adminPassword, userPassword, appId);
    }

    private String createApp(Applications apps, User demo) {
        String id = apps.create(ACTOR, new AppInput("external-aws-account", APP_NAME,
                "The emulated External AWS Account " + ACCOUNT_ID + ", read-only role.",
                acsUrl(), null, null, null)).app().id();
        apps.replaceMappings(ACTOR, id, List.of(
                new AttributeMapping(AttributeMapping.SUBJECT, "${user:subject}", "persistent"),
                new AttributeMapping(AwsSamlRules.ROLE, "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/" + PROVIDER
                        + ",arn:aws:iam::" + ACCOUNT_ID + ":role/" + ROLE, "unspecified"),
                new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")));
        center.services().assignments().assign(ACTOR, id, Assignments.PrincipalType.USER, demo.id());
        return id;
    }

    /** The guide's steps inside the External AWS Account, done with the metadata the identity center serves. */
    private void seedAwsAccount(String appId) {
        IamService iam = aws.iam();
        String providerArn = "arn:aws:iam::" + ACCOUNT_ID + ":saml-provider/" + PROVIDER;
        // The metadata names the identity center's current URL: upload it again when a restart moved it.
        String metadata = download(center.config().baseUrl() + "/api/apps/" + appId + "/saml-metadata");
        Optional<SamlProvider> existing = iam.findSamlProvider(providerArn);
        if (existing.isPresent()) {
            if (!existing.get().metadataDocument().equals(metadata)) {
                iam.updateSamlProvider(providerArn, metadata);
            }
        } else {
            SamlProvider provider = iam.createSamlProvider(ACCOUNT_ID, PROVIDER, metadata);
            IamPolicy policy = iam.createPolicy(ACCOUNT_ID, "DemoReadOnlyAccess", "/", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","ec2:Describe*"],"Resource":"*"}]}""",
                    "Read-only access for the Gatehouse demo");
            iam.createRole(ACCOUNT_ID, ROLE, "/", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}"""
                    .formatted(provider.arn()), 3600, "Role for the Gatehouse demo user");
            iam.attachRolePolicy(ACCOUNT_ID, ROLE, policy.arn());
        }
    }

    private String acsUrl() {
        return aws.baseUrl() + "/saml";
    }

    private static User upsertUser(Directory directory, UserDraft draft, String password) {
        return directory.users().findByUserName(draft.userName())
                .map(existing -> directory.replaceUser(ACTOR, existing.id(), draft, password, null))
                .orElseGet(() -> directory.createUser(ACTOR, draft, password));
    }

    private static String download(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("metadata download answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String newPassword() {
        return ids.urlSafe(12);
    }
}
