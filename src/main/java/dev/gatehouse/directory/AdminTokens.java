package dev.gatehouse.directory;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Administrator bearer tokens for automation (SCIM, the apps API). A token is 32 random bytes, base64url; only
 * its SHA-256 is stored, so the plaintext is shown once at creation and a copy of the table grants nothing. The
 * bootstrap token from the environment ({@code GATEHOUSE_ADMIN_TOKEN}) is accepted too, as {@value #ENV_TOKEN_NAME}.
 *
 * <p>A stored token acts as the administrator who made it (its owner) and only while that user is an active
 * administrator: every use reads the owner's row from the database, never a cache, so a demotion, deactivation or
 * deletion on any node stops the token at the next request. It also expires, after a lifetime chosen at creation.
 * Thread-safe.
 */
public final class AdminTokens {
    public static final String ENV_TOKEN_NAME = "env-token";
    /** The lifetime a token gets unless its creator chooses another. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    /** The longest lifetime a token may be given: a forgotten token should not live for ever. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);

    /** A stored token, without its secret; {@code ownerId} is the administrator it acts as. */
    public record AdminToken(String id, String name, String createdBy, Instant createdAt, Instant lastUsedAt,
                             boolean revoked, String ownerId, Instant expiresAt) {
        /** Whether the token has passed its expiry at {@code now}. */
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }

        /** How this token appears as an actor in the audit log. */
        public String actor() {
            return "token:" + name;
        }
    }

    /** A freshly created token and its plaintext, which is never available again. */
    public record Created(AdminToken token, String plaintext) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;
    private final AuditLog audit;
    private final byte[] envTokenHash;

    /** @param envToken the bootstrap token, or {@code null} when none is configured */
    public AdminTokens(Jdbi jdbi, Clock clock, RandomIds ids, AuditLog audit, String envToken) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
        this.envTokenHash = envToken == null || envToken.isBlank() ? null : sha256(envToken);
    }

    /**
     * Creates a token acting as {@code ownerId}, who must be an active administrator, for {@code lifetime} (a whole
     * number of days from 1 to 365). {@code actor} is who the audit log names.
     */
    public Created create(String name, String ownerId, Duration lifetime, String actor) {
        if (name == null || name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            throw DirectoryException.of(DirectoryException.Code.INVALID_VALUE, "name",
                    "A token needs a name of 1 to 128 characters, e.g. what will use it.");
        }
        if (lifetime == null || lifetime.compareTo(Duration.ofDays(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw DirectoryException.of(DirectoryException.Code.INVALID_VALUE, "expiresInDays",
                    "A token lives for 1 to 365 days.");
        }
        String plaintext = ids.token();
        String id = "t-" + ids.hex(12);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String trimmed = name.trim();
        // Only an active administrator can own one: checked in the same statement that stores it.
        int rows = jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO admin_tokens (id, name, token_hash, created_by, created_at, revoked, owner_id, expires_at)
                        SELECT :id, :name, :hash, u.user_name, :now, FALSE, u.id, :expires FROM users u
                        WHERE u.id = :owner AND u.active = TRUE AND u.is_admin = TRUE""")
                .bind("id", id).bind("name", trimmed).bind("hash", HexFormat.of().formatHex(sha256(plaintext)))
                .bind("owner", ownerId).bind("now", now).bind("expires", expires)
                .execute());
        if (rows == 0) {
            throw DirectoryException.of(DirectoryException.Code.INVALID_VALUE, "owner",
                    "Only an active administrator can own a token.");
        }
        audit.record(actor, "ADMIN_TOKEN_CREATED", id, "{\"name\":" + quote(trimmed) + ",\"expiresAt\":\"" + expires + "\"}");
        AdminToken token = list().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        return new Created(token, plaintext);
    }

    /** The live token whose plaintext is {@code presented}, marking it used; the environment token included. */
    public Optional<AdminToken> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        if (envTokenHash != null && MessageDigest.isEqual(hash, envTokenHash)) {
            return Optional.of(new AdminToken(ENV_TOKEN_NAME, ENV_TOKEN_NAME, "environment", Instant.EPOCH, null, false,
                    null, Instant.MAX));
        }
        String hex = HexFormat.of().formatHex(hash);
        // The owner's row is read on every use, not from a node cache: losing the role stops the token at once.
        Optional<AdminToken> token = jdbi.withHandle(handle -> handle.createQuery("SELECT " + TOKEN_COLUMNS
                        + " FROM admin_tokens t JOIN users u ON u.id = t.owner_id"
                        + " WHERE t.token_hash = :hash AND t.revoked = FALSE AND t.expires_at > :now"
                        + " AND u.active = TRUE AND u.is_admin = TRUE")
                .bind("hash", hex).bind("now", clock.instant()).map((rs, ctx) -> map(rs)).findOne());
        token.ifPresent(t -> jdbi.useHandle(handle -> handle.createUpdate("UPDATE admin_tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", clock.instant()).bind("id", t.id()).execute()));
        return token;
    }

    /** Every stored token, newest first, revoked ones included. */
    public List<AdminToken> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + TOKEN_COLUMNS + " FROM admin_tokens t ORDER BY t.created_at DESC, t.id")
                .map((rs, ctx) -> map(rs)).list());
    }

    /** Revokes token {@code id}; returns {@code false} when it does not exist or was already revoked. */
    public boolean revoke(String id, String actor) {
        int rows = jdbi.withHandle(handle -> handle.createUpdate("UPDATE admin_tokens SET revoked = TRUE WHERE id = :id AND revoked = FALSE")
                .bind("id", id).execute());
        if (rows > 0) {
            audit.record(actor, "ADMIN_TOKEN_REVOKED", id, null);
        }
        return rows > 0;
    }

    private static final String TOKEN_COLUMNS =
            "t.id, t.name, t.created_by, t.created_at, t.last_used_at, t.revoked, t.owner_id, t.expires_at";

    private static AdminToken map(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp used = rs.getTimestamp(5);
        return new AdminToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                used == null ? null : used.toInstant(), rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
