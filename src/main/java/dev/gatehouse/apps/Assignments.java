package dev.gatehouse.apps;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.storage.NodeCache;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use which application: users assigned directly or through a group. Only assigned users see an
 * application in the portal and may launch it. Every change names who made it and is audited here; a user or
 * group deleted from the directory loses its assignments. Thread-safe.
 */
public final class Assignments implements Directory.DeletionListener {
    /** The kind of principal an application is assigned to. */
    public enum PrincipalType { USER, GROUP }

    /** One assignment of an application. */
    public record Assignment(String appId, PrincipalType principalType, String principalId) {
    }

    /** Told after an assignment is added or removed (SCIM push follows), on the thread that changed it. */
    @FunctionalInterface
    public interface ChangeListener {
        void assignmentChanged(String appId, PrincipalType type, String principalId);
    }

    private final List<ChangeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Jdbi jdbi;
    private final Clock clock;
    private final AssignablePrincipals principals;
    private final AuditLog audit;
    /** Who each application is assigned to ("USER:id", "GROUP:id"), for the launch check; writes here clear it. */
    private final NodeCache<String, Set<String>> principalsByApp;

    public Assignments(Jdbi jdbi, Clock clock, AssignablePrincipals principals, AuditLog audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.principals = principals;
        this.audit = audit;
        this.principalsByApp = new NodeCache<>(clock, 10_000);
    }

    public void onChanged(ChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Assigns; returns {@code false} when the assignment already existed.
     *
     * @throws InvalidAppException when the user or group does not exist
     */
    public boolean assign(String actor, String appId, PrincipalType type, String principalId) {
        if (!principals.exists(type, principalId)) {
            throw new InvalidAppException(List.of("No " + type.name().toLowerCase() + " with id " + principalId + "."));
        }
        boolean created;
        try {
            created = insert(appId, type, principalId);
        } finally {
            principalsByApp.invalidate(appId);
        }
        if (created) {
            audit.recordChange(actor, "APP_ASSIGNED", appId, null, describe(type, principalId));
            listeners.forEach(l -> l.assignmentChanged(appId, type, principalId));
        }
        return created;
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

    /** Removes an assignment; returns {@code false} when there was none. */
    public boolean remove(String actor, String appId, PrincipalType type, String principalId) {
        boolean removed = jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM app_assignments WHERE app_id = :app AND principal_type = :type AND principal_id = :id""")
                .bind("app", appId).bind("type", type.name()).bind("id", principalId).execute()) > 0;
        principalsByApp.invalidate(appId);
        if (removed) {
            audit.recordChange(actor, "APP_UNASSIGNED", appId, describe(type, principalId), null);
            listeners.forEach(l -> l.assignmentChanged(appId, type, principalId));
        }
        return removed;
    }

    private static Map<String, String> describe(PrincipalType type, String principalId) {
        return Map.of("principalType", type.name(), "principalId", principalId);
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

    /** Removes every assignment of a user or group the directory deleted (its own audit entry says so). */
    @Override
    public void deleted(Directory.Kind kind, String principalId) {
        PrincipalType type = kind == Directory.Kind.USER ? PrincipalType.USER : PrincipalType.GROUP;
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM app_assignments WHERE principal_type = :type AND principal_id = :id")
                .bind("type", type.name()).bind("id", principalId).execute());
        principalsByApp.invalidateAll();
    }
}
