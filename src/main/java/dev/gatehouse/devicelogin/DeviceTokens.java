package dev.gatehouse.devicelogin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.AccessRevocation;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Device sessions and their tokens: a short-lived access token and a refresh token that rotates on every use. Only
 * SHA-256 hashes are stored. A rotated refresh token presented again means a copy leaked, so the whole session
 * (the token family) ends (OAuth 2.0 Security BCP §4.14.2). Nothing is cached: every API call reads the row, so a
 * revocation on any node takes effect on every node at once. Thread-safe.
 */
public final class DeviceTokens implements AccessRevocation {
    static final Duration ACCESS_LIFETIME = Duration.ofMinutes(10);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(14);

    /** Tokens handed to the client. */
    public record Issued(String accessToken, String refreshToken, long expiresIn) {
    }

    /** The holder of a live access token. */
    public record Holder(String sessionId, String userId, Instant authnInstant, String authnMethod) {
    }

    /** A device session as the account page and the console list it. */
    public record DeviceSession(String id, String userId, String clientId, Instant createdAt, Instant lastUsedAt,
                                String lastIp, String userAgent) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;
    private final AuditLog audit;
    private final UserStore users;

    public DeviceTokens(Jdbi jdbi, Clock clock, RandomIds ids, AuditLog audit, UserStore users) {
        this.users = users;
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
    }

    /** Starts a device session for an approved grant (called inside the grant's transaction). */
    Issued start(Handle h, String userId, String clientId, String ip, String userAgent, Instant authnInstant, String authnMethod) {
        String sessionId = "ds-" + ids.hex(12);
        Instant now = clock.instant();
        h.createUpdate("""
                        INSERT INTO device_sessions (id, user_id, client_id, created_at, last_used_at, last_ip, user_agent,
                            authn_instant, authn_method)
                        VALUES (:id, :user, :client, :now, :now, :ip, :ua, :authn, :method)""")
                .bind("id", sessionId).bind("user", userId).bind("client", clientId).bind("now", now)
                .bind("ip", ip).bind("ua", userAgent).bind("authn", authnInstant).bind("method", authnMethod).execute();
        return issue(h, sessionId, now);
    }

    private Issued issue(Handle h, String sessionId, Instant now) {
        String access = DeviceCodes.ACCESS_PREFIX + ids.token();
        String refresh = DeviceCodes.REFRESH_PREFIX + ids.token();
        insert(h, access, sessionId, "ACCESS", now, now.plus(ACCESS_LIFETIME));
        insert(h, refresh, sessionId, "REFRESH", now, now.plus(REFRESH_LIFETIME));
        return new Issued(access, refresh, ACCESS_LIFETIME.toSeconds());
    }

    private static void insert(Handle h, String token, String sessionId, String kind, Instant now, Instant expires) {
        h.createUpdate("""
                        INSERT INTO device_tokens (token_hash, session_id, kind, created_at, expires_at)
                        VALUES (:hash, :session, :kind, :now, :expires)""")
                .bind("hash", DeviceCodes.hash(token)).bind("session", sessionId).bind("kind", kind)
                .bind("now", now).bind("expires", expires).execute();
    }

    /**
     * The refresh_token grant: the presented token is marked used by one conditional update (two parallel refreshes
     * with one token: exactly one wins), and a new pair is issued. A token already used ends its session.
     */
    public Issued refresh(String clientId, String refreshToken, String ip, String userAgent) {
        if (refreshToken == null || !refreshToken.startsWith(DeviceCodes.REFRESH_PREFIX) || refreshToken.length() > 100) {
            throw new OAuthError(400, "invalid_grant", "The refresh token is not valid. Run `gatehouse aws login` again.");
        }
        String hash = DeviceCodes.hash(refreshToken);
        Instant now = clock.instant();
        record Row(String sessionId, String userId, String clientId, Instant expiresAt, boolean used) {
        }
        record Outcome(Issued issued, OAuthError error) {
        }
        // The transaction returns its refusal instead of throwing it, so a reuse's ended session stays ended.
        Outcome outcome = jdbi.inTransaction(h -> {
            Optional<Row> row = h.createQuery("""
                            SELECT t.session_id, s.user_id, s.client_id, t.expires_at, t.used_at FROM device_tokens t
                            JOIN device_sessions s ON s.id = t.session_id WHERE t.token_hash = :hash AND t.kind = 'REFRESH'""")
                    .bind("hash", hash)
                    .map((rs, c) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null)).findOne();
            if (row.isEmpty() || !row.get().clientId().equals(clientId)) {
                return new Outcome(null, new OAuthError(400, "invalid_grant",
                        "The refresh token is not valid (signed out or revoked). Run `gatehouse aws login` again."));
            }
            Row r = row.get();
            int marked = h.createUpdate("UPDATE device_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL")
                    .bind("now", now).bind("hash", hash).execute();
            if (r.used() || marked == 0) {
                endSession(h, r.sessionId());
                audit.record(userName(r.userId()), "DEVICE_TOKEN_REUSE", r.sessionId(),
                        "a rotated refresh token was presented again from " + ip + "; the device session was ended");
                return new Outcome(null, new OAuthError(400, "invalid_grant",
                        "This refresh token was already used, so the session was ended for safety. Run `gatehouse aws login` again."));
            }
            if (!r.expiresAt().isAfter(now)) {
                return new Outcome(null, new OAuthError(400, "invalid_grant", "The sign-in has expired. Run `gatehouse aws login` again."));
            }
            h.createUpdate("UPDATE device_sessions SET last_used_at = :now, last_ip = :ip, user_agent = :ua WHERE id = :id")
                    .bind("now", now).bind("ip", DeviceCodes.clip(ip, 64)).bind("ua", DeviceCodes.clip(userAgent, 256))
                    .bind("id", r.sessionId()).execute();
            // Rotated refresh tokens are kept for reuse detection only while they could still have been used.
            h.createUpdate("DELETE FROM device_tokens WHERE session_id = :s AND expires_at <= :now")
                    .bind("s", r.sessionId()).bind("now", now).execute();
            // The previous access tokens of the session end with the rotation: one live access token per session.
            h.createUpdate("DELETE FROM device_tokens WHERE session_id = :s AND kind = 'ACCESS'").bind("s", r.sessionId()).execute();
            Issued issued = issue(h, r.sessionId(), now);
            audit.record(userName(r.userId()), "DEVICE_TOKEN_REFRESH", r.sessionId(), "client=" + clientId + " ip=" + ip);
            return new Outcome(issued, null);
        });
        if (outcome.error() != null) {
            throw outcome.error();
        }
        return outcome.issued();
    }

    /** Who holds a live access token; the session's last use is brought up to date. */
    public Optional<Holder> holder(String accessToken) {
        if (accessToken == null || !accessToken.startsWith(DeviceCodes.ACCESS_PREFIX) || accessToken.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Holder> holder = jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.id, s.user_id, s.authn_instant, s.authn_method FROM device_tokens t
                        JOIN device_sessions s ON s.id = t.session_id
                        WHERE t.token_hash = :hash AND t.kind = 'ACCESS' AND t.expires_at > :now""")
                .bind("hash", DeviceCodes.hash(accessToken)).bind("now", now)
                .map((rs, c) -> new Holder(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .findOne());
        holder.ifPresent(found -> jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE device_sessions SET last_used_at = :now WHERE id = :id")
                .bind("now", now).bind("id", found.sessionId()).execute()));
        return holder;
    }

    /**
     * Token revocation (RFC 7009) for {@code gatehouse aws logout}: either token of a session ends the session.
     * Unknown tokens are not an error (§2.2), so nothing is learnt from the answer.
     */
    public void revokeByToken(String clientId, String token) {
        if (token == null || token.length() > 100) {
            return;
        }
        jdbi.useTransaction(h -> h.createQuery("""
                        SELECT s.id, s.user_id FROM device_tokens t JOIN device_sessions s ON s.id = t.session_id
                        WHERE t.token_hash = :hash AND s.client_id = :client""")
                .bind("hash", DeviceCodes.hash(token)).bind("client", clientId)
                .map((rs, c) -> new String[]{rs.getString(1), rs.getString(2)}).findOne()
                .ifPresent(s -> {
                    endSession(h, s[0]);
                    audit.record(userName(s[1]), "DEVICE_SESSION_SIGN_OUT", s[0], "the command line signed out");
                }));
    }

    /** The device sessions of one user, newest first; every user's when {@code userId} is null (the console). */
    public List<DeviceSession> sessions(String userId) {
        // Two statements rather than ":user IS NULL": PostgreSQL cannot type a parameter that is only compared to NULL.
        String where = userId == null ? "" : " WHERE user_id = :user";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT id, user_id, client_id, created_at, last_used_at, last_ip, user_agent"
                    + " FROM device_sessions" + where + " ORDER BY created_at DESC");
            if (userId != null) {
                query.bind("user", userId);
            }
            return query.map((rs, c) -> new DeviceSession(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)))
                    .list();
        });
    }

    /**
     * Ends one device session. {@code ownerId} limits it to that user's sessions (the account page); {@code null}
     * is the console's administrator. Returns whether a session ended.
     */
    public boolean revoke(String actor, String sessionId, String ownerId) {
        boolean ended = jdbi.inTransaction(h -> {
            var owned = h.createQuery("SELECT COUNT(*) FROM device_sessions WHERE id = :id"
                    + (ownerId == null ? "" : " AND user_id = :owner")).bind("id", sessionId);
            if (ownerId != null) {
                owned.bind("owner", ownerId);
            }
            if (owned.mapTo(Integer.class).one() == 0) {
                return false;
            }
            endSession(h, sessionId);
            return true;
        });
        if (ended) {
            audit.record(actor, "DEVICE_SESSION_REVOKE", sessionId, ownerId == null ? "by an administrator" : "by its user");
        }
        return ended;
    }

    /** Deactivation, deletion and a new password end every device session of the user: none is kept. */
    @Override
    public void revokeAllExcept(String userId, String keepSessionId) {
        int ended = jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM device_tokens WHERE session_id IN (SELECT id FROM device_sessions WHERE user_id = :u)")
                    .bind("u", userId).execute();
            return h.createUpdate("DELETE FROM device_sessions WHERE user_id = :u").bind("u", userId).execute();
        });
        if (ended > 0) {
            audit.record(userName(userId), "DEVICE_SESSION_REVOKE", userId, ended + " device session(s) ended with the user's access");
        }
    }

    /** The audit log names people by user name; a user already deleted is named by id. */
    String userName(String userId) {
        return users.findRecent(userId).map(User::userName).orElse(userId);
    }

    private static void endSession(Handle h, String sessionId) {
        h.createUpdate("DELETE FROM device_tokens WHERE session_id = :s").bind("s", sessionId).execute();
        h.createUpdate("DELETE FROM device_sessions WHERE id = :s").bind("s", sessionId).execute();
    }
}
