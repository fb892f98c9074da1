package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.account.CredentialResolver;
import dev.gatehouse.awsemulator.account.SigningCredential;
import dev.gatehouse.awsemulator.core.AccessKeys;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.SessionContext;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/**
 * Issues temporary credentials ({@code ASIA…} key, 40-character secret, opaque session token) and keeps them in
 * the emulator database, and resolves them for SigV4 verification so calls signed with them (with their
 * {@code X-Amz-Security-Token}) act as the assumed role. Expiry is judged by the verifier. The token is stored
 * only as its SHA-256 (as the identity center stores its session tokens), so a copy of the database cannot
 * replay it; the secret stays, because verifying a signature needs it. Thread-safe.
 */
public final class SessionCredentialStore implements CredentialResolver {

    private final Jdbi jdbi;
    private final RandomIds ids;

    public SessionCredentialStore(Database database, RandomIds ids) {
        this.jdbi = database.jdbi();
        this.ids = ids;
    }

    /**
     * Creates and stores credentials for {@code roleId:sessionName} valid until {@code expiresAt}, with what the
     * session carries into later evaluations ({@code context}'s access key id is filled in here).
     */
    public IssuedSession issue(String accountId, String roleName, String roleId, String sessionName,
                               String sourceIdentity, Instant issuedAt, Instant expiresAt, SessionContext context) {
        IssuedSession session = new IssuedSession(AccessKeys.accessKeyId(AccessKeys.TEMPORARY_PREFIX, ids),
                AccessKeys.secretAccessKey(ids), "GHEM" + ids.base64(96), accountId, roleName, roleId, sessionName,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName, sourceIdentity,
                context == null ? java.util.Map.of() : java.util.Map.copyOf(context.tags()), issuedAt, expiresAt);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO sts_session_credential (access_key_id, secret_access_key, session_token_sha256, account_id,
                            role_name, role_id, session_name, assumed_role_arn, source_identity, issued_at_epoch, expires_at_epoch,
                            role_arn, session_context)
                        VALUES (:key, :secret, :token, :account, :roleName, :roleId, :sessionName, :arn, :sourceIdentity, :issued, :expires,
                            :roleArn, :context)
                        """)
                .bind("key", session.accessKeyId())
                .bind("secret", session.secretAccessKey())
                .bind("token", AccessKeys.sessionTokenHash(session.sessionToken()))
                .bind("account", accountId)
                .bind("roleName", roleName)
                .bind("roleId", roleId)
                .bind("sessionName", sessionName)
                .bind("arn", session.assumedRoleArn())
                .bind("sourceIdentity", sourceIdentity)
                .bind("issued", issuedAt.getEpochSecond())
                .bind("expires", expiresAt.getEpochSecond())
                .bind("roleArn", context.roleArn())
                .bind("context", SessionContextJson.write(context))
                .execute());
        return session;
    }

    @Override
    public Optional<SigningCredential> find(String accessKeyId) {
        if (accessKeyId == null || !accessKeyId.startsWith(AccessKeys.TEMPORARY_PREFIX)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sts_session_credential WHERE access_key_id = :key")
                .bind("key", accessKeyId)
                .map((rs, ctx) -> new SigningCredential(rs.getString("access_key_id"), rs.getString("secret_access_key"),
                        rs.getString("account_id"), rs.getString("assumed_role_arn"),
                        rs.getString("role_id") + ":" + rs.getString("session_name"), rs.getString("session_token_sha256"),
                        Instant.ofEpochSecond(rs.getLong("expires_at_epoch")),
                        SessionContextJson.read(rs.getString("access_key_id"), rs.getString("role_arn"), rs.getString("role_name"),
                                Instant.ofEpochSecond(rs.getLong("issued_at_epoch")), rs.getString("source_identity"),
                                rs.getString("session_context"))))
                .findOne());
    }

    /**
     * What was issued under {@code accessKeyId}, without the secret or the token (neither is returned): the event
     * trail's session context (creation date, source identity).
     */
    public Optional<IssuedSession> findIssued(String accessKeyId) {
        if (accessKeyId == null || !accessKeyId.startsWith(AccessKeys.TEMPORARY_PREFIX)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sts_session_credential WHERE access_key_id = :key")
                .bind("key", accessKeyId)
                .map((rs, ctx) -> new IssuedSession(rs.getString("access_key_id"), null, null, rs.getString("account_id"),
                        rs.getString("role_name"), rs.getString("role_id"), rs.getString("session_name"),
                        rs.getString("assumed_role_arn"), rs.getString("source_identity"), java.util.Map.of(),
                        Instant.ofEpochSecond(rs.getLong("issued_at_epoch")), Instant.ofEpochSecond(rs.getLong("expires_at_epoch"))))
                .findOne());
    }

    /** Who holds the session behind {@code accessKeyId} (the console evaluates its federated sessions with it). */
    public Optional<CallerIdentity> caller(String accessKeyId) {
        return find(accessKeyId).map(SigningCredential::caller);
    }
}
