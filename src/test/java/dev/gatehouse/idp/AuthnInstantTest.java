package dev.gatehouse.idp;

import dev.gatehouse.testing.Http;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.TestData;
import dev.gatehouse.apps.AppInput;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** AuthnInstant says when the user signed in (SAML Core §2.7.2), not when the assertion was made. */
class AuthnInstantTest {
    @Test
    void launchLaterInTheSessionThenAuthnInstantIsTheSignInTime(@TempDir Path dir) {
        Instant signInTime = Instant.parse("2026-11-28T09:00:00Z");
        MovableClock clock = new MovableClock(signInTime);
        try (IdentityCenter center = IdentityCenter.start(IdentityCenterConfig.of(0, dir, null, null), clock)) {
            User user = center.services().directory().createUser("test",
                    new UserDraft("ivy", "ivy@example.com", "Ivy", "Ng", "Ivy Ng", true, false), TestData.PASSWORD);
            String app = center.services().applications().create("test", new AppInput("custom-saml", "Wiki", null,
                    "https://sp.example.test/acs", "https://sp.example.test", null, null)).app().id();
            center.services().assignments().assign("test", app, Assignments.PrincipalType.USER, user.id());
            Http browser = Http.browser("http://localhost:" + center.port()).signIn("ivy", TestData.PASSWORD);

            clock.advance(Duration.ofMinutes(42));
            Element response = SamlResponses.document(browser.get("/launch/" + app).body()).getDocumentElement();

            assertThat(response.getAttribute("IssueInstant")).isEqualTo(signInTime.plus(Duration.ofMinutes(42)).toString());
            Element authn = SamlResponses.child(SamlResponses.child(response, "Assertion"), "AuthnStatement");
            assertThat(authn.getAttribute("AuthnInstant")).isEqualTo(signInTime.toString());
        }
    }
}
