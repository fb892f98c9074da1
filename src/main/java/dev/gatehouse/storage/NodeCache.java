package dev.gatehouse.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A node-local, short-lived read cache in front of the shared database, for the few reads every sign-in and
 * launch repeats (session, user, groups, application, mappings, assignments).
 *
 * <p>Nodes share nothing but the database, so an entry may lag a change made <em>on another node</em> by at most
 * {@link #DEFAULT_TTL}; the store that owns a cache invalidates it on every write it makes, so a node always sees
 * its own changes at once. Only found values are kept: a miss is never remembered, so a row created elsewhere is
 * visible immediately. Time comes from the injected {@link Clock}, so tests that move the clock also age entries.
 * Thread-safe.
 */
public final class NodeCache<K, V> {
    /** How stale a cached row may be relative to writes on other nodes. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    private final Cache<K, V> cache;
    /** Bumped by every invalidation, so a load that raced with a local write is not kept. */
    private final AtomicLong generation = new AtomicLong();

    public NodeCache(Clock clock, Duration ttl, long maxEntries) {
        this.cache = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .executor(Runnable::run) // maintenance on the calling thread: no extra pool to size or stop
                .build();
    }

    public NodeCache(Clock clock, long maxEntries) {
        this(clock, DEFAULT_TTL, maxEntries);
    }

    /** The cached value, or what {@code loader} finds (kept only when present). */
    public Optional<V> get(K key, Function<K, Optional<V>> loader) {
        V hit = cache.getIfPresent(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        long before = generation.get();
        Optional<V> loaded = loader.apply(key);
        if (loaded.isPresent()) {
            synchronized (this) { // check and put as one step against invalidations (misses and writes only)
                if (generation.get() == before) {
                    cache.put(key, loaded.get());
                }
            }
        }
        return loaded;
    }

    public synchronized void invalidate(K key) {
        generation.incrementAndGet();
        cache.invalidate(key);
    }

    public synchronized void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
