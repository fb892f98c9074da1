package dev.gatehouse.directory;

import dev.gatehouse.TestIdentityCenter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokensTest {
    @Test
    void createdTokenWorksAsBearerUntilRevoked() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            AdminTokens tokens = ic.center().services().adminTokens();
            AdminTokens.Created created = tokens.create("provisioning", admin(ic), AdminTokens.DEFAULT_LIFETIME, "test");
            assertThat(created.plaintext()).matches("[A-Za-z0-9_-]{43}");

            assertThat(scimUsersWith(ic, created.plaintext()).statusCode()).isEqualTo(200);
            assertThat(tokens.list()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("provisioning");
                assertThat(t.lastUsedAt()).isNotNull();
            });

            assertThat(tokens.revoke(created.token().id(), "test")).isTrue();
            assertThat(scimUsersWith(ic, created.plaintext()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void storedTokenIsOnlyAHash() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            AdminTokens.Created created = ic.center().services().adminTokens()
                    .create("ci", admin(ic), AdminTokens.DEFAULT_LIFETIME, "test");

            String stored = ic.center().database().jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM admin_tokens")
                    .mapTo(String.class).one());
            assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(created.plaintext());
        }
    }

    @Test
    void authenticatorRefusesWrongPasswordUnknownUserAndInactiveUser() {
        try (TestIdentityCenter ic = TestIdentityCenter.start()) {
            Directory directory = ic.center().services().directory();
            Authenticator authenticator = new Authenticator(directory.users(), new PasswordHasher(new java.security.SecureRandom()),
                    new dev.gatehouse.ids.RandomIds(new java.security.SecureRandom()));
            User user = directory.createUser("test", new UserDraft("Zoe", "zoe@example.com", null, null, null, true, false),
                    "a long enough password");

            assertThat(authenticator.verify("zoe", "a long enough password")).map(User::id).hasValue(user.id());
            assertThat(authenticator.verify("zoe", "wrong password!!")).isEmpty();
            assertThat(authenticator.verify("nobody", "a long enough password")).isEmpty();

            directory.replaceUser("test", user.id(), user.draft().withActive(false), null, null);
            assertThat(authenticator.verify("zoe", "a long enough password")).isEmpty();
        }
    }

    /** An active administrator to own the tokens; returns its id. */
    private static String admin(TestIdentityCenter ic) {
        return ic.center().services().directory().createUser("test",
                new UserDraft("owner", null, null, null, null, true, true), "a long enough password").id();
    }

    private static HttpResponse<String> scimUsersWith(TestIdentityCenter ic, String token) {
        return ic.send(HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/scim/v2/Users"))
                .header("Authorization", "Bearer " + token).GET().build());
    }
}
