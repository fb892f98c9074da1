package dev.gatehouse.signin;

import dev.gatehouse.security.ClockedCenter;
import dev.gatehouse.signin.factors.Passkeys;
import dev.gatehouse.testing.Burst;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A passwordless challenge costs no account, so one address gets a bounded number of them, bursts included. */
class PasswordlessLimitTest {

    @Test
    void aBurstFromOneAddressGetsExactlyTheCapThenTooManyRequestsUntilTheWindowPasses() throws Exception {
        try (ClockedCenter ic = ClockedCenter.start()) {
            Http browser = Http.browser(ic.baseUrl());
            String csrf = Http.csrfOf(browser.get("/").body());
            HttpRequest options = HttpRequest.newBuilder(URI.create(ic.baseUrl() + "/login/passkey/options"))
                    .header("X-CSRF-Token", csrf).header("Cookie", browser.cookieHeader())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();

            List<HttpResponse<String>> answers = Burst.send(Burst.times(PasswordlessLimit.PER_ADDRESS + 10, options));

            assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(PasswordlessLimit.PER_ADDRESS)
                    .allSatisfy(r -> assertThat(r.body()).contains("\"challenge\""));
            assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSize(10).allSatisfy(r -> {
                assertThat(r.headers().firstValue("Retry-After")).hasValue(String.valueOf(Passkeys.CHALLENGE_LIFETIME.toSeconds()));
                assertThat(r.body()).contains("Too many passkey sign-ins from this address");
            });

            ic.clock().advance(Passkeys.CHALLENGE_LIFETIME.plusSeconds(1));
            assertThat(Http.exchange(options).statusCode()).isEqualTo(200);
        }
    }
}
