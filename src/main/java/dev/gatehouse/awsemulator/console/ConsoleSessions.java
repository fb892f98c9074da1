package dev.gatehouse.awsemulator.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Console sessions for root users and federated role sessions, kept in the emulator's database. The browser holds
 * a random token in the {@value #COOKIE} cookie; only its SHA-256 is stored, so a database leak yields no usable
 * cookie. Thread-safe.
 */
public final class ConsoleSessions {
    public static final String COOKIE = "aws_console";

    /** Who a console session belongs to. */
    public enum Kind { ROOT, FEDERATED }

    /**
     * One console session.
     *
     * @param id             the session's id ({@code null} before {@link #create})
     * @param principalArn   {@code arn:aws:iam::ACCOUNT:root} or {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
     * @param roleName       the assumed role's name (federated only)
     * @param sessionName    the role session name (federated only)
     * @param sourceIdentity the source identity, or {@code null}
     * @param sessionTags    the session tags (key → value), empty when none
     * @param csrfToken      the token every form of this session carries ({@code null} before {@link #create})
     * @param accessKeyId    the STS session a federated console session was made from (its requests are evaluated
     *                       as that session's), or {@code null}
     */
    public record ConsoleSession(String id, String accountId, Kind kind, String principalArn, String roleName,
                                 String sessionName, String sourceIdentity, Map<String, String> sessionTags, Instant expiresAt,
                                 String csrfToken, String accessKeyId) {
        public ConsoleSession(String id, String accountId, Kind kind, String principalArn, String roleName,
                              String sessionName, String sourceIdentity, Map<String, String> sessionTags, Instant expiresAt,
                              String csrfToken) {
            this(id, accountId, kind, principalArn, roleName, sessionName, sourceIdentity, sessionTags, expiresAt, csrfToken, null);
        }

        public boolean isRoot() {
            return kind == Kind.ROOT;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;

    public ConsoleSessions(Jdbi jdbi, Clock clock, RandomIds ids) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Stores {@code session} (its id and CSRF token are generated) and returns the cookie token for the browser.
     */
    public String create(ConsoleSession session) {
        String token = newSecret();
        String id = ids.uuid();
        String csrf = newSecret();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO console_sessions (id, token_hash, account_id, kind, principal_arn, role_name,
                            session_name, source_identity, csrf_token, expires_at, created_at, access_key_id, session_tags)
                        VALUES (:id, :hash, :account, :kind, :arn, :role, :session, :source, :csrf, :expires, :created, :key, :tags)""")
                .bind("id", id).bind("hash", hash(token)).bind("account", session.accountId())
                .bind("kind", session.kind().name()).bind("arn", session.principalArn()).bind("role", session.roleName())
                .bind("session", session.sessionName()).bind("source", session.sourceIdentity()).bind("csrf", csrf)
                .bind("expires", session.expiresAt().toEpochMilli()).bind("created", clock.millis())
                .bind("key", session.accessKeyId())
                .bind("tags", session.sessionTags().isEmpty() ? null : writeTags(session.sessionTags()))
                .execute());
        return token;
    }

    /** The live session behind a cookie token; expired ones are removed on the way. */
    public Optional<ConsoleSession> find(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        Optional<ConsoleSession> found = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, account_id, kind, principal_arn, role_name, session_name, source_identity, expires_at, csrf_token,
                            access_key_id, session_tags
                        FROM console_sessions WHERE token_hash = :hash""")
                .bind("hash", hash(token))
                .map((rs, c) -> new ConsoleSession(rs.getString(1), rs.getString(2), Kind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        readTags(rs.getString(11)), Instant.ofEpochMilli(rs.getLong(8)), rs.getString(9),
                        rs.getString(10)))
                .findOne());
        if (found.isPresent() && !clock.instant().isBefore(found.get().expiresAt())) {
            delete(found.get().id());
            return Optional.empty();
        }
        return found;
    }

    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE id = :id").bind("id", id).execute());
    }

    /** A fresh 256-bit URL-safe secret (cookie tokens, CSRF tokens). */
    public String newSecret() {
        return ids.token();
    }

    private static String writeTags(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readTags(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, TAGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("console_sessions.session_tags is not a JSON object of strings", e);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
