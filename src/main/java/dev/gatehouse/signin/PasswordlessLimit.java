package dev.gatehouse.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the passwordless challenges one address may hold: asking for one needs no account, and each is a row until
 * it expires, so without a cap one client could fill the table. Counted per node, in memory, for the challenge's
 * lifetime from the address's first request in the window; the increment is the check, so a parallel burst gets no
 * more than the cap. Thread-safe.
 */
public final class PasswordlessLimit {
    /**
     * Challenges per address per window. The sign-in page asks for one as it opens (the passkey autofill), so an
     * office behind one NAT address spends one per page view: room for that, while one client still cannot fill the
     * table.
     */
    public static final int PER_ADDRESS = 100;

    private final Cache<String, AtomicInteger> issued;

    public PasswordlessLimit(Clock clock, Duration window) {
        this.issued = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(window)
                .maximumSize(100_000) // beyond that the oldest addresses are forgotten first, never the limit's memory
                .executor(Runnable::run)
                .build();
    }

    /** Counts one challenge for {@code address}; {@code false} when the address has used its share. */
    public boolean tryAcquire(String address) {
        return issued.get(address, a -> new AtomicInteger()).incrementAndGet() <= PER_ADDRESS;
    }
}
