package dev.gatehouse.signin;

import dev.gatehouse.directory.AccessRevocation;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.NodeCache;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Portal sessions kept in the database, so any node sharing it can serve any session. Only a SHA-256 of the
 * session token is stored: a copy of the table does not let anyone sign in. Each session remembers how its user
 * signed in ({@link SignInMethod}), which assertions report as their authentication context.
 *
 * <p>Found sessions are kept in a short-lived {@link NodeCache}, because every page and launch looks its session
 * up: a sign-out on this node takes effect at once, one on another node within {@link NodeCache#DEFAULT_TTL}.
 * Expiry is checked on every lookup, cached or not. When the directory takes a user's access away, every session
 * of that user ends ({@link #revokeAll}), and a new password ends all but the one that set it. Thread-safe.
 */
public final class SessionStore implements AccessRevocation {
    /** A stored session, found by its token. */
    public record Session(String id, String userId, String csrfToken, Instant createdAt, Instant expiresAt,
                          SignInMethod method) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;
    private final Duration lifetime;
    private final NodeCache<String, Session> recent;

    public SessionStore(Jdbi jdbi, Clock clock, RandomIds ids, Duration lifetime) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.lifetime = lifetime;
        this.recent = new NodeCache<>(clock, 100_000);
    }

    /** Starts a session for {@code userId}; returns the token to put in the cookie (never stored as such). */
    public String create(String userId, SignInMethod method) {
        String token = ids.token();
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO web_sessions (id, user_id, csrf_token, created_at, expires_at, authn_method)
                        VALUES (:id, :user, :csrf, :created, :expires, :method)""")
                .bind("id", hash(token)).bind("user", userId).bind("csrf", ids.token())
                .bind("created", now).bind("expires", now.plus(lifetime)).bind("method", method.name())
                .execute());
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return recent.get(hash(token), this::load).filter(s -> s.expiresAt().isAfter(now));
    }

    private Optional<Session> load(String id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, user_id, csrf_token, created_at, expires_at, authn_method FROM web_sessions
                        WHERE id = :id AND expires_at > :now""")
                .bind("id", id).bind("now", clock.instant())
                .map((rs, c) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                        SignInMethod.fromName(rs.getString(6))))
                .findOne());
    }

    public void delete(String sessionId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE id = :id").bind("id", sessionId).execute());
        recent.invalidate(sessionId);
    }

    /**
     * Ends every session of a user but {@code keepSessionId}: the directory deactivated or deleted them, or changed
     * their password. Other nodes drop theirs from cache within {@link NodeCache#DEFAULT_TTL}.
     */
    @Override
    public void revokeAllExcept(String userId, String keepSessionId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE user_id = :u AND id <> :keep")
                .bind("u", userId).bind("keep", keepSessionId == null ? "" : keepSessionId).execute());
        recent.invalidateAll();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
