package dev.gatehouse.storage;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 12, item 11: a failed statement was logged with its bound values, a sealed TOTP secret among them. Neither
 * Jdbi's message nor the driver's (PostgreSQL quotes the failing row) may carry a bound value.
 */
class StatementSecretsTest {
    private static final String SECRET = "v1.sealed-secret-that-must-not-be-logged-0123456789";

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFailedStatementNamesNoBoundValue(TestDatabase.Kind kind, @TempDir Path dir) {
        try (TestDatabase db = TestDatabase.create(kind, dir); Database database = Database.open(db.url(), "identity")) {
            Throwable failure = catchThrowable(() -> database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO mfa_enrolments (user_id, secret, confirmed, last_step, created_at)
                            VALUES (:u, :s, FALSE, 0, :now)""")
                    .bind("u", (String) null).bind("s", SECRET).bind("now", Instant.now()).execute()));
            assertThat(failure).as("the NOT NULL column refuses the row").isNotNull();
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("mfa_enrolments").doesNotContain(SECRET).doesNotContain("sealed-secret");
        }
    }
}
