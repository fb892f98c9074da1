package dev.gatehouse.directory;

import dev.gatehouse.storage.NodeCache;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Handle;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Groups and their members in the database. Group names are unique case-insensitively; members must be existing
 * users. Thread-safe.
 */
public final class GroupStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;

    /** Group ids by member for the launch path; every group write here clears it. */
    private final NodeCache<String, Set<String>> groupIdsByUser;

    public GroupStore(Jdbi jdbi, Clock clock, RandomIds ids) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.groupIdsByUser = new NodeCache<>(clock, 100_000);
    }

    public Group create(String displayName, Collection<String> memberIds) {
        return create(displayName, memberIds, null);
    }

    /** Like {@link #create(String, Collection)}, with the provisioning client's {@code externalId} (or {@code null}). */
    public Group create(String displayName, Collection<String> memberIds, String externalId) {
        String id = "g-" + ids.hex(12);
        Instant now = clock.instant();
        try {
            return insert(id, displayName, memberIds, now, externalId);
        } finally {
            groupIdsByUser.invalidateAll();
        }
    }

    private Group insert(String id, String displayName, Collection<String> memberIds, Instant now, String externalId) {
        return unique(displayName, () -> jdbi.inTransaction(handle -> {
            ensureNameFree(handle, displayName, null);
            ensureUsersExist(handle, memberIds);
            handle.createUpdate("""
                            INSERT INTO user_groups (id, display_name, display_key, created_at, updated_at, version, external_id)
                            VALUES (:id, :name, :key, :now, :now, 1, :externalId)""")
                    .bind("id", id).bind("externalId", externalId).bind("name", displayName).bind("key", key(displayName)).bind("now", now)
                    .execute();
            insertMembers(handle, id, memberIds);
            return find(handle, id).orElseThrow();
        }));
    }

    /**
     * Sets the name and the complete member list of group {@code id}.
     *
     * @param expectedVersion the version the caller read, or {@code null} to overwrite whatever is there
     * @param externalId      the provisioning client's id to store (replacing the current one), or {@code null}
     */
    public Group replace(String id, String displayName, Collection<String> memberIds, Integer expectedVersion, String externalId) {
        try {
            return replaceRow(id, displayName, memberIds, expectedVersion, externalId);
        } finally {
            groupIdsByUser.invalidateAll();
        }
    }

    private Group replaceRow(String id, String displayName, Collection<String> memberIds, Integer expectedVersion, String externalId) {
        return unique(displayName, () -> jdbi.inTransaction(handle -> {
            Group current = find(handle, id).orElseThrow(() -> notFound(id));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw DirectoryException.of(DirectoryException.Code.VERSION_MISMATCH, null,
                        "Group " + id + " has changed since version " + expectedVersion + "; read it again.");
            }
            ensureNameFree(handle, displayName, id);
            ensureUsersExist(handle, memberIds);
            handle.createUpdate("""
                            UPDATE user_groups SET display_name = :name, display_key = :key, updated_at = :now,
                                   version = version + 1, external_id = :externalId
                            WHERE id = :id""")
                    .bind("id", id).bind("externalId", externalId).bind("name", displayName).bind("key", key(displayName)).bind("now", clock.instant())
                    .execute();
            handle.createUpdate("DELETE FROM group_members WHERE group_id = :id").bind("id", id).execute();
            insertMembers(handle, id, memberIds);
            return find(handle, id).orElseThrow();
        }));
    }

    /** Marks the group as brought in by an identity source ({@code ldap}), with its id there (a DN). */
    public void markSource(String id, String source, String externalId) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE user_groups SET source = :source, source_ref = :external WHERE id = :id")
                .bind("id", id).bind("source", source).bind("external", externalId).execute());
    }

    /** The identity source the group came from ({@code ldap}), or empty for Gatehouse's own groups. */
    public Optional<String> sourceOf(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT source FROM user_groups WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne()).filter(s -> s != null);
    }

    /** The ids of the groups that {@code source} brought in, by their id there (a DN as the source wrote it). */
    public Map<String, String> idsByExternalId(String source) {
        Map<String, String> ids = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT id, source_ref FROM user_groups WHERE source = :source")
                .bind("source", source)
                .map((rs, ctx) -> Map.entry(rs.getString("source_ref"), rs.getString("id")))
                .forEach(e -> ids.put(e.getKey(), e.getValue())));
        return ids;
    }

    public boolean delete(String id) {
        boolean deleted = jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM user_groups WHERE id = :id").bind("id", id).execute()) > 0;
        groupIdsByUser.invalidateAll();
        return deleted;
    }

    public Optional<Group> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** Groups matching {@code query}, ordered by name. */
    public ResultPage<Group> list(ListQuery query) {
        String where = query.where() == null ? "1 = 1" : query.where().sql();
        Map<String, Object> values = query.where() == null ? Map.of() : query.where().binds();
        return jdbi.withHandle(handle -> {
            var count = handle.createQuery("SELECT COUNT(*) FROM user_groups WHERE " + where).bindMap(values);
            int total = count.mapTo(Integer.class).one();
            var page = handle.createQuery("SELECT id FROM user_groups WHERE " + where
                            + " ORDER BY " + (query.orderBy() == null ? "" : query.orderBy() + ", ") + "display_key, id LIMIT :limit OFFSET :offset")
                    .bind("limit", query.count()).bind("offset", query.startIndex() - 1).bindMap(values);
            List<String> ids = page.mapTo(String.class).list();
            List<Group> items = new ArrayList<>();
            for (String id : ids) {
                find(handle, id).ifPresent(items::add);
            }
            return new ResultPage<>(items, total, query.startIndex());
        });
    }

    /** The ids of the groups {@code userId} belongs to; how assignments through groups are resolved. */
    public Set<String> groupIdsOf(String userId) {
        return jdbi.withHandle(handle -> Set.copyOf(handle.createQuery("SELECT group_id FROM group_members WHERE user_id = :user")
                .bind("user", userId).mapTo(String.class).list()));
    }

    /** Like {@link #groupIdsOf(String)}, from this node's short-lived cache (see {@link NodeCache}): for the launch path. */
    public Set<String> groupIdsOfRecent(String userId) {
        return groupIdsByUser.get(userId, u -> Optional.of(groupIdsOf(u))).orElseThrow();
    }

    private static Optional<Group> find(Handle handle, String id) {
        return handle.createQuery("SELECT id, display_name, created_at, updated_at, version, external_id FROM user_groups WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Group(rs.getString(1), rs.getString(2), members(handle, id),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getString(6)))
                .findOne();
    }

    private static List<Group.Member> members(Handle handle, String groupId) {
        return handle.createQuery("""
                        SELECT u.id, u.user_name FROM group_members m JOIN users u ON u.id = m.user_id
                        WHERE m.group_id = :group ORDER BY u.user_name_key""")
                .bind("group", groupId)
                .map((rs, ctx) -> new Group.Member(rs.getString(1), rs.getString(2)))
                .list();
    }

    private static void insertMembers(Handle handle, String groupId, Collection<String> memberIds) {
        for (String userId : new LinkedHashSet<>(memberIds)) {
            handle.createUpdate("INSERT INTO group_members (group_id, user_id) VALUES (:group, :user)")
                    .bind("group", groupId).bind("user", userId).execute();
        }
    }

    private static void ensureUsersExist(Handle handle, Collection<String> memberIds) {
        List<DirectoryException.Problem> problems = new ArrayList<>();
        for (String userId : new LinkedHashSet<>(memberIds)) {
            boolean exists = userId != null && handle.createQuery("SELECT COUNT(*) FROM users WHERE id = :id")
                    .bind("id", userId).mapTo(Integer.class).one() > 0;
            if (!exists) {
                problems.add(new DirectoryException.Problem(DirectoryException.Code.INVALID_VALUE, "members",
                        "There is no user with id " + userId + " to add as a member."));
            }
        }
        if (!problems.isEmpty()) {
            throw new DirectoryException(problems);
        }
    }

    private static void ensureNameFree(Handle handle, String displayName, String exceptId) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM user_groups WHERE display_key = :key AND id <> :id")
                .bind("key", key(displayName)).bind("id", exceptId == null ? "" : exceptId)
                .mapTo(Integer.class).one() > 0;
        if (taken) {
            throw nameTaken(displayName);
        }
    }

    private static <T> T unique(String displayName, Supplier<T> write) {
        try {
            return write.get();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw nameTaken(displayName);
            }
            throw e;
        }
    }

    private static DirectoryException nameTaken(String displayName) {
        return DirectoryException.of(DirectoryException.Code.UNIQUENESS, "displayName",
                "A group named \"" + displayName + "\" already exists.");
    }

    static DirectoryException notFound(String id) {
        return DirectoryException.of(DirectoryException.Code.NOT_FOUND, null, "There is no group with id " + id + ".");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
