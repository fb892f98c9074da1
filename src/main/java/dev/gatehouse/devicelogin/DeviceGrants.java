package dev.gatehouse.devicelogin;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Device Authorization Grant (RFC 8628) from the server's side: a device authorization request makes a grant
 * with a device code (for the CLI) and a user code (for the person); the signed-in person approves or denies it on
 * {@code /device}; the CLI's polling turns an approved grant into tokens exactly once. Every state change is one
 * conditional UPDATE, so parallel polls, approvals and guesses on any node see one outcome. Thread-safe.
 */
public final class DeviceGrants {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final int INTERVAL_SECONDS = 5;

    /** What POST /oauth2/device_authorization answers (RFC 8628 §3.2). */
    public record Authorization(String deviceCode, String userCode, long expiresIn, int interval) {
    }

    /** A pending grant as the approval page shows it. */
    public record Pending(String id, String userCode, String clientId, String clientIp, String userAgent,
                          Instant createdAt, Instant expiresAt) {
    }

    /** Who approves: the signed-in user and how they signed in (carried into the CLI's assertions). */
    public record Approver(String userId, String userName, Instant authnInstant, String authnMethod) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;
    private final DeviceTokens tokens;
    private final UserCodeThrottle throttle;
    private final AuditLog audit;

    public DeviceGrants(Jdbi jdbi, Clock clock, RandomIds ids, DeviceTokens tokens, UserCodeThrottle throttle, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** RFC 8628 §3.1–3.2. */
    public Authorization authorize(String clientId, String ip, String userAgent) {
        requireClient(clientId);
        String deviceCode = ids.token();
        String userCode = ids.fromAlphabet(DeviceCodes.USER_CODE_ALPHABET, DeviceCodes.USER_CODE_LENGTH);
        Instant now = clock.instant();
        String id = "dg-" + ids.hex(12);
        // Grants are worth nothing a day after they expired (their audit entries stay): each new one sweeps them.
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM device_grants WHERE expires_at < :cutoff")
                .bind("cutoff", now.minus(Duration.ofDays(1))).execute());
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO device_grants (id, device_code_hash, user_code_hash, client_id, client_ip, user_agent,
                            created_at, expires_at, status, interval_seconds)
                        VALUES (:id, :device, :user, :client, :ip, :ua, :now, :expires, 'PENDING', :interval)""")
                .bind("id", id).bind("device", DeviceCodes.hash(deviceCode)).bind("user", DeviceCodes.hash(userCode))
                .bind("client", clientId).bind("ip", DeviceCodes.clip(ip, 64)).bind("ua", DeviceCodes.clip(userAgent, 256))
                .bind("now", now).bind("expires", now.plus(CODE_LIFETIME)).bind("interval", INTERVAL_SECONDS).execute());
        audit.record(clientId, "DEVICE_AUTHORIZATION", id, "ip=" + DeviceCodes.clip(ip, 64)
                + " userAgent=" + DeviceCodes.clip(userAgent, 120));
        return new Authorization(deviceCode, DeviceCodes.display(userCode), CODE_LIFETIME.toSeconds(), INTERVAL_SECONDS);
    }

    /**
     * The pending grant a typed user code names, for the signed-in user to confirm. Each lookup is counted against
     * the user before the code is looked at, and a right code takes its count back, so guesses are throttled.
     *
     * @throws DeviceCodeException with the sentence to show when the code is unknown, expired, used or throttled
     */
    public Pending lookup(String typed, String userId, String userName) {
        if (!throttle.reserve(userId)) {
            audit.record(userName, "DEVICE_CODE_THROTTLED", userId, "too many wrong codes");
            throw new DeviceCodeException("Too many wrong codes. Wait 15 minutes, then start again with `gatehouse aws login`.");
        }
        Optional<String> code = DeviceCodes.normalize(typed);
        Optional<Pending> pending = code.flatMap(this::find);
        if (pending.isEmpty()) {
            audit.record(userName, "DEVICE_CODE_REFUSED", "-", "unknown, expired or used code");
            throw new DeviceCodeException("That code is not valid. Check it against your terminal: codes expire after "
                    + CODE_LIFETIME.toMinutes() + " minutes and work once.");
        }
        throttle.release(userId);
        return pending.get();
    }

    private Optional<Pending> find(String code) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, client_id, client_ip, user_agent, created_at, expires_at FROM device_grants
                        WHERE user_code_hash = :hash AND status = 'PENDING' AND expires_at > :now""")
                .bind("hash", DeviceCodes.hash(code)).bind("now", clock.instant())
                .map((rs, c) -> new Pending(rs.getString(1), DeviceCodes.display(code), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                .findOne());
    }

    /** Approves or denies the grant the code names; the lookup's checks and throttle apply again. */
    public Pending decide(String typed, Approver approver, boolean approve) {
        Pending pending = lookup(typed, approver.userId(), approver.userName());
        int changed = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE device_grants SET status = :status, user_id = :user, authn_instant = :authn, authn_method = :method
                        WHERE id = :id AND status = 'PENDING' AND expires_at > :now""")
                .bind("status", approve ? "APPROVED" : "DENIED").bind("user", approver.userId())
                .bind("authn", approver.authnInstant()).bind("method", approver.authnMethod())
                .bind("id", pending.id()).bind("now", clock.instant()).execute());
        if (changed == 0) {
            throw new DeviceCodeException("That code was just used or has expired. Start again with `gatehouse aws login`.");
        }
        audit.record(approver.userName(), approve ? "DEVICE_APPROVED" : "DEVICE_DENIED", pending.id(),
                "client=" + pending.clientId() + " ip=" + pending.clientIp() + " userAgent=" + DeviceCodes.clip(pending.userAgent(), 120));
        return pending;
    }

    /** The device_code grant (RFC 8628 §3.4–3.5). */
    public DeviceTokens.Issued exchange(String clientId, String deviceCode, String ip, String userAgent) {
        requireClient(clientId);
        if (deviceCode == null || deviceCode.isEmpty() || deviceCode.length() > 100) {
            throw new OAuthError(400, "invalid_request", "device_code is required.");
        }
        Instant now = clock.instant();
        record Row(String id, String clientId, Instant expiresAt, String status, int interval, String userId,
                   Instant authnInstant, String authnMethod) {
        }
        // Errors are answered after their effects are committed: an exception inside a transaction would roll the
        // poll stamp (slow_down's evidence) back.
        Row g = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, client_id, expires_at, status, interval_seconds, user_id, authn_instant, authn_method
                        FROM device_grants WHERE device_code_hash = :hash""")
                .bind("hash", DeviceCodes.hash(deviceCode))
                .map((rs, c) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .findOne()).orElseThrow(() -> new OAuthError(400, "invalid_grant", "Unknown device code."));
        if (!g.clientId().equals(clientId)) {
            throw new OAuthError(400, "invalid_grant", "The device code was issued to another client.");
        }
        if (!g.expiresAt().isAfter(now)) {
            throw new OAuthError(400, "expired_token", "The code expired before it was approved. Run `gatehouse aws login` again.");
        }
        // A decided grant answers its end whatever the pace: slow_down is a kind of authorization_pending (RFC 8628
        // §3.5), so it is for grants still waiting.
        if (g.status().equals("DENIED")) {
            throw new OAuthError(400, "access_denied", "The sign-in was denied in the browser.");
        }
        if (g.status().equals("USED")) {
            throw new OAuthError(400, "invalid_grant", "The device code was already used.");
        }
        // One poll per interval: the stamp moves only when the last poll is old enough (one conditional UPDATE).
        int onTime = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE device_grants SET last_polled_at = :now
                        WHERE id = :id AND (last_polled_at IS NULL OR last_polled_at <= :earliest)""")
                .bind("now", now).bind("id", g.id()).bind("earliest", now.minusSeconds(g.interval())).execute());
        if (onTime == 0) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE device_grants SET interval_seconds = interval_seconds + 5, last_polled_at = :now WHERE id = :id")
                    .bind("now", now).bind("id", g.id()).execute());
            throw new OAuthError(400, "slow_down", "Polling too fast: wait " + (g.interval() + 5) + " seconds between requests.");
        }
        if (g.status().equals("PENDING")) {
            throw new OAuthError(400, "authorization_pending", "Waiting for the user to approve the code.");
        }
        Optional<DeviceTokens.Issued> issued = jdbi.inTransaction(h -> {
            int taken = h.createUpdate("UPDATE device_grants SET status = 'USED' WHERE id = :id AND status = 'APPROVED'")
                    .bind("id", g.id()).execute();
            return taken == 0 ? Optional.empty() : Optional.of(tokens.start(h, g.userId(), clientId, DeviceCodes.clip(ip, 64),
                    DeviceCodes.clip(userAgent, 256), g.authnInstant(), g.authnMethod()));
        });
        if (issued.isEmpty()) {
            throw new OAuthError(400, "invalid_grant", "The device code was already used.");
        }
        audit.record(tokens.userName(g.userId()), "DEVICE_TOKEN_ISSUED", g.id(), "client=" + clientId + " ip=" + DeviceCodes.clip(ip, 64));
        return issued.get();
    }

    static void requireClient(String clientId) {
        if (!DeviceCodes.CLIENT_ID.equals(clientId)) {
            throw new OAuthError(401, "invalid_client", "Unknown client_id; this server knows \"" + DeviceCodes.CLIENT_ID + "\".");
        }
    }
}
