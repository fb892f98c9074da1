package dev.gatehouse.apps;

import dev.gatehouse.storage.NodeCache;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use which application: users assigned directly or through a group. Only assigned users see an
 * application in the portal and may launch it. Thread-safe.
 */
public final class Assignments {
    /** The kind of principal an application is assigned to. */
    public enum PrincipalType { USER, GROUP }

    /** One assignment of an application. */
    public record Assignment(String appId, PrincipalType principalType, String principalId) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    /** Who each application is assigned to ("USER:id", "GROUP:id"), for the launch check; writes here clear it. */
    private final NodeCache<String, Set<String>> principalsByApp;

    public Assignments(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.principalsByApp = new NodeCache<>(clock, 10_000);
    }

    /** Assigns; returns {@code false} when the assignment already existed. */
    public boolean assign(String appId, PrincipalType type, String principalId) {
        try {
            return insert(appId, type, principalId);
        } finally {
            principalsByApp.invalidate(appId);
        }
    }

    private boolean insert(String appId, PrincipalType type, String principalId) {
        return jdbi.inTransaction(h -> {
            boolean exists = h.createQuery("""
                            SELECT COUNT(*) FROM app_assignments
                            WHERE app_id = :app AND principal_type = :type AND principal_id = :id""")
                    .bind("app", appId).bind("type", type.name()).bind("id", principalId)
                    .mapTo(Integer.class).one() > 0;
            if (exists) {
                return false;
            }
            h.createUpdate("""
                            INSERT INTO app_assignments (app_id, principal_type, principal_id, created_at)
                            VALUES (:app, :type, :id, :now)""")
                    .bind("app", appId).bind("type", type.name()).bind("id", principalId).bind("now", clock.instant())
                    .execute();
            return true;
        });
    }

    public boolean remove(String appId, PrincipalType type, String principalId) {
        boolean removed = jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM app_assignments WHERE app_id = :app AND principal_type = :type AND principal_id = :id""")
                .bind("app", appId).bind("type", type.name()).bind("id", principalId).execute()) > 0;
        principalsByApp.invalidate(appId);
        return removed;
    }

    public List<Assignment> of(String appId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT app_id, principal_type, principal_id FROM app_assignments
                        WHERE app_id = :app ORDER BY principal_type DESC, created_at""")
                .bind("app", appId)
                .map((rs, c) -> new Assignment(rs.getString(1), PrincipalType.valueOf(rs.getString(2)), rs.getString(3)))
                .list());
    }

    /** The ids of applications assigned to the user directly or through any of {@code groupIds}. */
    public Set<String> appIdsFor(String userId, Collection<String> groupIds) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("""
                            SELECT DISTINCT app_id FROM app_assignments
                            WHERE (principal_type = 'USER' AND principal_id = :user)
                               OR (principal_type = 'GROUP' AND principal_id IN (<groups>))""")
                    .bind("user", userId)
                    .bindList("groups", groupIds.isEmpty() ? List.of("-none-") : List.copyOf(groupIds));
            return Set.copyOf(query.mapTo(String.class).list());
        });
    }

    /**
     * Whether the user, directly or through one of {@code groupIds}, may launch {@code appId}. Read from this node's
     * short-lived cache (see {@link NodeCache}): an assignment removed on another node stops launches within its TTL.
     */
    public boolean isAssigned(String appId, String userId, Collection<String> groupIds) {
        Set<String> principals = principalsByApp.get(appId, id -> Optional.of(principalsOf(id))).orElseThrow();
        if (principals.contains(PrincipalType.USER + ":" + userId)) {
            return true;
        }
        return groupIds.stream().anyMatch(g -> principals.contains(PrincipalType.GROUP + ":" + g));
    }

    private Set<String> principalsOf(String appId) {
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("""
                        SELECT principal_type, principal_id FROM app_assignments WHERE app_id = :app""")
                .bind("app", appId)
                .map((rs, c) -> rs.getString(1) + ":" + rs.getString(2))
                .list()));
    }

    /** Removes every assignment of a deleted user or group. */
    public void removePrincipal(PrincipalType type, String principalId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM app_assignments WHERE principal_type = :type AND principal_id = :id")
                .bind("type", type.name()).bind("id", principalId).execute());
        principalsByApp.invalidateAll();
    }
}
