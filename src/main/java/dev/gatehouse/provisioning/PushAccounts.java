package dev.gatehouse.provisioning;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;

/**
 * What Gatehouse knows of each user at each application's SCIM target: the resource's id there, the userName it
 * was pushed with and whether it was left active. Lets a deleted user still be deactivated there. Thread-safe.
 */
final class PushAccounts {
    record Account(String appId, String userId, String remoteId, String userName, boolean active) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    PushAccounts(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Optional<Account> find(String appId, String userId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT remote_id, user_name, active FROM scim_push_accounts WHERE app_id = :app AND user_id = :user""")
                .bind("app", appId).bind("user", userId)
                .map((rs, c) -> new Account(appId, userId, rs.getString(1), rs.getString(2), rs.getBoolean(3))).findOne());
    }

    /** What the sweep compares with the directory: per user at the application, whether left active and when pushed. */
    record Known(String userName, boolean active, java.time.Instant updatedAt) {
    }

    java.util.Map<String, Known> known(String appId) {
        java.util.Map<String, Known> out = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT user_id, user_name, active, updated_at FROM scim_push_accounts WHERE app_id = :app")
                .bind("app", appId).map((rs, c) -> out.put(rs.getString(1), new Known(rs.getString(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()))).list());
        return out;
    }

    /** The ids of the applications where the user has a resource. */
    java.util.List<String> appIdsOf(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT app_id FROM scim_push_accounts WHERE user_id = :user")
                .bind("user", userId).mapTo(String.class).list());
    }

    void save(Account account) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE scim_push_accounts SET remote_id = :remote, user_name = :name, active = :active, updated_at = :now
                            WHERE app_id = :app AND user_id = :user""")
                    .bind("active", account.active()).bind("remote", account.remoteId()).bind("name", account.userName())
                    .bind("app", account.appId()).bind("user", account.userId()).bind("now", clock.instant()).execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO scim_push_accounts (app_id, user_id, remote_id, user_name, active, updated_at)
                                VALUES (:app, :user, :remote, :name, :active, :now)""")
                        .bind("active", account.active()).bind("remote", account.remoteId()).bind("name", account.userName())
                        .bind("app", account.appId()).bind("user", account.userId()).bind("now", clock.instant()).execute();
            }
        });
    }
}
