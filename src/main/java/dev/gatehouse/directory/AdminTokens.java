package dev.gatehouse.directory;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Administrator bearer tokens for automation (SCIM, the apps API). A token is 32 random bytes, base64url; only
 * its SHA-256 is stored, so the plaintext is shown once at creation and a copy of the table grants nothing. The
 * bootstrap token from the environment ({@code GATEHOUSE_ADMIN_TOKEN}) is accepted too, as {@value #ENV_TOKEN_NAME}.
 * Thread-safe.
 */
public final class AdminTokens {
    public static final String ENV_TOKEN_NAME = "env-token";

    /** A stored token, without its secret. */
    public record AdminToken(String id, String name, String createdBy, Instant createdAt, Instant lastUsedAt,
                             boolean revoked) {
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

    public Created create(String name, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
            throw DirectoryException.of(DirectoryException.Code.INVALID_VALUE, "name",
                    "A token needs a name of 1 to 128 characters, e.g. what will use it.");
        }
        String plaintext = ids.token();
        String id = "t-" + ids.hex(12);
        Instant now = clock.instant();
        String trimmed = name.trim();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO admin_tokens (id, name, token_hash, created_by, created_at, revoked)
                        VALUES (:id, :name, :hash, :by, :now, FALSE)""")
                .bind("id", id).bind("name", trimmed).bind("hash", HexFormat.of().formatHex(sha256(plaintext)))
                .bind("by", createdBy).bind("now", now)
                .execute());
        audit.record(createdBy, "ADMIN_TOKEN_CREATED", id, "{\"name\":" + quote(trimmed) + "}");
        return new Created(new AdminToken(id, trimmed, createdBy, now, null, false), plaintext);
    }

    /** The live token whose plaintext is {@code presented}, marking it used; the environment token included. */
    public Optional<AdminToken> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        if (envTokenHash != null && MessageDigest.isEqual(hash, envTokenHash)) {
            return Optional.of(new AdminToken(ENV_TOKEN_NAME, ENV_TOKEN_NAME, "environment", Instant.EPOCH, null, false));
        }
        String hex = HexFormat.of().formatHex(hash);
        Optional<AdminToken> token = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, name, created_by, created_at, last_used_at, revoked FROM admin_tokens
                        WHERE token_hash = :hash AND revoked = FALSE""")
                .bind("hash", hex).map((rs, ctx) -> map(rs)).findOne());
        token.ifPresent(t -> jdbi.useHandle(handle -> handle.createUpdate("UPDATE admin_tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", clock.instant()).bind("id", t.id()).execute()));
        return token;
    }

    /** Every stored token, newest first, revoked ones included. */
    public List<AdminToken> list() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, name, created_by, created_at, last_used_at, revoked FROM admin_tokens
                        ORDER BY created_at DESC, id""")
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

    private static AdminToken map(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Timestamp used = rs.getTimestamp(5);
        return new AdminToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                used == null ? null : used.toInstant(), rs.getBoolean(6));
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
