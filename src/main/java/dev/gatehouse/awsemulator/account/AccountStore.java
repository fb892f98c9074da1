package dev.gatehouse.awsemulator.account;

import dev.gatehouse.awsemulator.core.AccessKeys;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and their root keys in the emulator's database; also the {@link CredentialResolver} for root keys.
 * Thread-safe.
 */
public final class AccountStore implements CredentialResolver {

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;

    public AccountStore(Jdbi jdbi, Clock clock, RandomIds ids) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Makes sure the account exists and has this key, as the environment asked at start. Running it again with
     * the same values changes nothing; a key id already owned by another account or with another secret is refused.
     */
    public void ensure(RootCredential credential) {
        jdbi.useTransaction(h -> {
            long now = clock.millis();
            boolean exists = h.createQuery("SELECT COUNT(*) FROM aws_accounts WHERE account_id = :a")
                    .bind("a", credential.accountId()).mapTo(Integer.class).one() > 0;
            if (!exists) {
                h.createUpdate("INSERT INTO aws_accounts (account_id, created_at) VALUES (:a, :t)")
                        .bind("a", credential.accountId()).bind("t", now).execute();
            }
            Optional<RootCredential> existing = findRoot(h, credential.accessKeyId());
            if (existing.isPresent()) {
                if (!existing.get().accountId().equals(credential.accountId())
                        || !existing.get().secretAccessKey().equals(credential.secretAccessKey())) {
                    throw new IllegalArgumentException("Access key " + credential.accessKeyId()
                            + " already exists with another account or secret.");
                }
                return;
            }
            h.createUpdate("INSERT INTO aws_root_keys (access_key_id, account_id, secret_access_key, created_at) VALUES (:k, :a, :s, :t)")
                    .bind("k", credential.accessKeyId()).bind("a", credential.accountId())
                    .bind("s", credential.secretAccessKey()).bind("t", now).execute();
        });
    }

    /**
     * Creates an account with a fresh root key.
     *
     * @param accountId the 12-digit id to use, or {@code null} for a random unused one
     */
    public RootCredential create(String accountId) {
        String id = accountId;
        if (id == null) {
            do {
                id = String.valueOf(100_000_000_000L + ids.below(900_000_000_000L));
            } while (findAccount(id).isPresent());
        } else if (findAccount(id).isPresent()) {
            throw AwsError.entityAlreadyExists("Account " + id + " already exists.");
        }
        RootCredential credential = new RootCredential(id, AccessKeys.accessKeyId(AccessKeys.LONG_TERM_PREFIX, ids),
                AccessKeys.secretAccessKey(ids));
        ensure(credential);
        return credential;
    }

    public Optional<Account> findAccount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, created_at FROM aws_accounts WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, c) -> new Account(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .findOne());
    }

    public List<Account> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, created_at FROM aws_accounts ORDER BY account_id")
                .map((rs, c) -> new Account(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
                .list());
    }

    public Optional<RootCredential> findRoot(String accessKeyId) {
        return jdbi.withHandle(h -> findRoot(h, accessKeyId));
    }

    /** The root keys of an account, for console sign-in by secret. */
    public List<RootCredential> rootKeys(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, access_key_id, secret_access_key FROM aws_root_keys WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, c) -> new RootCredential(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list());
    }

    @Override
    public Optional<SigningCredential> find(String accessKeyId) {
        return findRoot(accessKeyId).map(RootCredential::signing);
    }

    private static Optional<RootCredential> findRoot(org.jdbi.v3.core.Handle h, String accessKeyId) {
        return h.createQuery("SELECT account_id, access_key_id, secret_access_key FROM aws_root_keys WHERE access_key_id = :k")
                .bind("k", accessKeyId)
                .map((rs, c) -> new RootCredential(rs.getString(1), rs.getString(2), rs.getString(3)))
                .findOne();
    }
}
