package dev.gatehouse.apps;

import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recent catalog launches written behind the launch: the noting node shows a launch at once, another node (its own
 * store over the same database) after the flush; a burst of one pair is one stored time, the latest; an older note
 * from a slower node never replaces a newer time; a note for a role deleted meanwhile is dropped, not an error. On H2
 * and PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RecentLaunchesTest {
    @Parameter
    TestDatabase.Kind kind;

    private TestIdentityCenter ic;
    private String app;
    private final MovableClock clock = new MovableClock(Instant.parse("2031-01-02T03:04:05Z"));

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start(kind);
        app = ic.center().services().applications().create("test", new AppInput("aws-account-catalog", "AWS", null, null,
                null, null, null)).app().id();
        AwsCatalog catalog = ic.center().services().catalog();
        catalog.putAccount("test", app, "111122223333", new AwsCatalog.AccountInput("Prod", "Gatehouse", null, null));
        catalog.putRole("test", app, "111122223333", "Reader", new AwsCatalog.RoleInput(null, 3600, null));
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void aLaunchShowsAtOnceHereAndElsewhereAfterTheFlush() {
        org.jdbi.v3.core.Jdbi jdbi = ic.center().database().jdbi();
        CatalogStore store = new CatalogStore(jdbi, clock);
        RecentLaunches here = new RecentLaunches(store, clock);
        RecentLaunches elsewhere = new RecentLaunches(new CatalogStore(jdbi, clock), clock);

        here.note("u-1", app, "111122223333", "Reader");
        clock.advance(Duration.ofSeconds(2));
        Instant latest = clock.instant();
        here.note("u-1", app, "111122223333", "Reader");
        assertThat(here.of("u-1")).containsEntry(app + " 111122223333 Reader", latest);
        assertThat(elsewhere.of("u-1")).isEmpty();

        assertThat(here.flush()).as("a burst of one pair is one write").isEqualTo(1);
        assertThat(elsewhere.of("u-1")).containsEntry(app + " 111122223333 Reader", latest);

        // A slower node's older note does not move the time back.
        RecentLaunches slow = new RecentLaunches(new CatalogStore(jdbi, clock), new MovableClock(latest.minusSeconds(60)));
        slow.note("u-1", app, "111122223333", "Reader");
        slow.flush();
        assertThat(elsewhere.of("u-1")).containsEntry(app + " 111122223333 Reader", latest);

        // A note for a role deleted before the flush is dropped.
        here.note("u-2", app, "111122223333", "Reader");
        ic.center().services().catalog().deleteRole("test", app, "111122223333", "Reader");
        assertThat(here.flush()).isZero();
        assertThat(elsewhere.of("u-2")).isEmpty();
    }
}
