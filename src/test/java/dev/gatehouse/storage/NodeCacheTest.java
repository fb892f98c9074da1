package dev.gatehouse.storage;

import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node-local cache in front of the shared database: found values are kept until the TTL passes (on the injected
 * clock) or a local write clears them; misses are never kept; a load that raced with a write is dropped.
 */
class NodeCacheTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final NodeCache<String, String> cache = new NodeCache<>(clock, NodeCache.DEFAULT_TTL, 1_000);
    private final AtomicInteger loads = new AtomicInteger();

    private Optional<String> load(String key) {
        loads.incrementAndGet();
        return Optional.of("row-" + key + "-" + loads.get());
    }

    @Test
    void foundValueIsLoadedOnceThenServedFromTheCache() {
        assertThat(cache.get("u1", this::load)).contains("row-u1-1");
        for (int i = 0; i < 10; i++) {
            assertThat(cache.get("u1", this::load)).contains("row-u1-1");
        }
        assertThat(loads.get()).isEqualTo(1);

        assertThat(cache.get("u2", this::load)).contains("row-u2-2");
        assertThat(loads.get()).as("another key is another load").isEqualTo(2);
    }

    @Test
    void missIsNotKeptSoARowCreatedMeanwhileIsSeenAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.get("new", k -> {
            calls.incrementAndGet();
            return Optional.empty();
        })).isEmpty();
        assertThat(cache.get("new", k -> {
            calls.incrementAndGet();
            return Optional.empty();
        })).isEmpty();
        assertThat(calls.get()).as("each miss asks the database again").isEqualTo(2);

        assertThat(cache.get("new", this::load)).as("created on another node").contains("row-new-1");
        assertThat(loads.get()).isEqualTo(1);
    }

    @Test
    void entryExpiresAfterTheTtlOnTheInjectedClock() {
        NodeCache<String, String> cache = new NodeCache<>(clock, 1_000); // the stores' constructor: DEFAULT_TTL
        assertThat(NodeCache.DEFAULT_TTL).as("the staleness other nodes are promised").isEqualTo(Duration.ofSeconds(1));
        cache.get("u1", this::load);

        clock.advance(NodeCache.DEFAULT_TTL.minusMillis(1));
        assertThat(cache.get("u1", this::load)).as("still within the TTL").contains("row-u1-1");
        assertThat(loads.get()).isEqualTo(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("u1", this::load)).as("TTL reached").contains("row-u1-2");
        assertThat(loads.get()).isEqualTo(2);

        clock.advance(Duration.ofMillis(999));
        assertThat(cache.get("u1", this::load)).as("the reload starts a new TTL").contains("row-u1-2");
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("u1", this::load)).contains("row-u1-3");
        assertThat(loads.get()).isEqualTo(3);
    }

    @Test
    void customTtlIsHonoured() {
        NodeCache<String, String> longer = new NodeCache<>(clock, Duration.ofSeconds(30), 10);
        longer.get("k", this::load);
        clock.advance(Duration.ofSeconds(29));
        assertThat(longer.get("k", this::load)).contains("row-k-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(longer.get("k", this::load)).contains("row-k-2");
    }

    @Test
    void invalidateDropsOneKeyAndInvalidateAllDropsEverything() {
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("c", this::load);
        assertThat(loads.get()).isEqualTo(3);

        cache.invalidate("a");
        assertThat(cache.get("a", this::load)).contains("row-a-4");
        assertThat(cache.get("b", this::load)).as("other keys stay").contains("row-b-2");
        assertThat(loads.get()).isEqualTo(4);

        cache.invalidateAll();
        assertThat(cache.get("a", this::load)).contains("row-a-5");
        assertThat(cache.get("b", this::load)).contains("row-b-6");
        assertThat(cache.get("c", this::load)).contains("row-c-7");
        assertThat(loads.get()).isEqualTo(7);

        cache.invalidate("never-cached"); // harmless
        assertThat(cache.get("c", this::load)).contains("row-c-7");
    }

    @Test
    void loadThatRacesWithAnInvalidationIsReturnedButNotKept() {
        // The loader read the row, then a local write changed it and cleared the cache before the load finished:
        // the value is what the caller asked for, but keeping it would hide the write for a whole TTL.
        assertThat(cache.get("u1", k -> {
            Optional<String> stale = load(k);
            cache.invalidate(k);
            return stale;
        })).contains("row-u1-1");
        assertThat(cache.get("u1", this::load)).as("loaded again, not the raced value").contains("row-u1-2");
        assertThat(cache.get("u1", this::load)).as("an undisturbed load is kept").contains("row-u1-2");

        assertThat(cache.get("u2", k -> {
            Optional<String> stale = load(k);
            cache.invalidateAll();
            return stale;
        })).contains("row-u2-3");
        assertThat(cache.get("u2", this::load)).contains("row-u2-4");

        assertThat(cache.get("u3", k -> {
            Optional<String> stale = load(k);
            cache.invalidate("some-other-key"); // any local write: the cache cannot tell which rows it touched
            return stale;
        })).contains("row-u3-5");
        assertThat(cache.get("u3", this::load)).contains("row-u3-6");
        assertThat(loads.get()).isEqualTo(6);
    }

    @Test
    void sizeStaysNearItsBound() {
        NodeCache<Integer, Integer> small = new NodeCache<>(clock, NodeCache.DEFAULT_TTL, 100);
        for (int i = 0; i < 5_000; i++) {
            small.get(i, Optional::of);
        }
        // Probe with a loader that finds nothing, which is never kept, so probing does not change the content.
        AtomicInteger misses = new AtomicInteger();
        for (int i = 0; i < 5_000; i++) {
            small.get(i, k -> {
                misses.incrementAndGet();
                return Optional.empty();
            });
        }
        int kept = 5_000 - misses.get();
        System.out.println("NodeCache(maxEntries=100) kept " + kept + " of 5000 entries");
        assertThat(kept).as("entries still cached").isBetween(1, 110);
    }
}
