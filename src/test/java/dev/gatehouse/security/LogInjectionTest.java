package dev.gatehouse.security;

import dev.gatehouse.TestData;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user types reaches the console log, but never as a line of its own. */
class LogInjectionTest {
    @Test
    void userNameWithLineBreaksAndEscapesIsLoggedOnOneLineEscaped() {
        try (TestIdentityCenter ic = TestIdentityCenter.start(TestDatabase.Kind.H2)) {
            TestData.user(ic, "alice", "alice@example.com");
            Http browser = Http.browser(ic.baseUrl());
            browser.get("/");
            try (LogCapture log = LogCapture.open()) {
                var answer = browser.post("/login", Map.of("username",
                        "alice\nFORGED SIGN_IN by root\r\u001b[2Kx", "password", "wrong"));

                assertThat(answer.statusCode()).isLessThan(500);
                List<String> lines = Arrays.asList(log.text().split("\n", -1));
                assertThat(lines).filteredOn(l -> l.contains("SIGN_IN_FAILED")).hasSize(1).first(
                        org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .contains("alice\\nFORGED").contains("\\r\\u001b[2Kx");
                assertThat(lines).noneMatch(l -> l.startsWith("FORGED"));
                assertThat(log.text()).doesNotContain("\r").doesNotContain("\u001b");
            }
        }
    }
}
