package dev.gatehouse.directory;

import dev.gatehouse.storage.NodeCache;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Handle;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.Jdbi;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.statement.StatementContext;
import dev.gatehouse.ids.RandomIds;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Users in the database. Validates nothing itself ({@link Directory} does); enforces what only the database can:
 * unique userNames (case-insensitively) and optimistic versions. Thread-safe.
 */
public final class UserStore {
    private static final String COLUMNS = """
            id, user_name, subject, email, given_name, family_name, display_name, active, is_admin,
            created_at, updated_at, version, external_id, locale, employee_number, cost_center, organization,
            division, department, manager_id""";

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomIds ids;
    /** Users by id for the sign-in and launch path; every write here clears it. */
    private final NodeCache<String, User> recent;

    public UserStore(Jdbi jdbi, Clock clock, RandomIds ids) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.ids = ids;
        this.recent = new NodeCache<>(clock, 100_000);
    }

    /** Stores a new user; {@code passwordHash} may be {@code null} (the user cannot sign in until one is set). */
    public User create(UserDraft draft, String passwordHash) {
        return create(draft, passwordHash, null);
    }

    /** Like {@link #create(UserDraft, String)}, with the provisioning client's {@code externalId} (or {@code null}). */
    public User create(UserDraft draft, String passwordHash, String externalId) {
        String id = "u-" + ids.hex(12);
        Instant now = clock.instant();
        return unique(draft.userName(), () -> jdbi.inTransaction(handle -> {
            ensureUserNameFree(handle, draft.userName(), null);
            handle.createUpdate("""
                            INSERT INTO users (id, user_name, user_name_key, subject, email, given_name, family_name,
                                               display_name, active, is_admin, password_hash, created_at, updated_at, version,
                                               external_id, locale, employee_number, cost_center, organization,
                                               division, department, manager_id)
                            VALUES (:id, :userName, :key, :subject, :email, :given, :family, :display, :active, :admin,
                                    :hash, :now, :now, 1, :externalId, :locale, :employeeNumber, :costCenter,
                                    :organization, :division, :department, :managerId)""")
                    .bind("id", id).bind("externalId", externalId).bind("subject", ids.hex(16)).bind("hash", passwordHash).bind("now", now)
                    .bindMap(draftColumns(draft))
                    .execute();
            return find(handle, id).orElseThrow();
        }));
    }

    /**
     * Replaces the editable fields of user {@code id}.
     *
     * @param expectedVersion the version the caller read, or {@code null} to overwrite whatever is there
     * @param newPasswordHash  a new password hash to store in the same change, or {@code null} to keep the current one
     * @param externalId       the provisioning client's id to store (replacing the current one), or {@code null}
     */
    public User replace(String id, UserDraft draft, Integer expectedVersion, String newPasswordHash, String externalId) {
        try {
            return replaceRow(id, draft, expectedVersion, newPasswordHash, externalId);
        } finally {
            recent.invalidate(id);
        }
    }

    private User replaceRow(String id, UserDraft draft, Integer expectedVersion, String newPasswordHash, String externalId) {
        return unique(draft.userName(), () -> jdbi.inTransaction(handle -> {
            User current = find(handle, id).orElseThrow(() -> notFound(id));
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw DirectoryException.of(DirectoryException.Code.VERSION_MISMATCH, null,
                        "User " + id + " has changed since version " + expectedVersion + "; read it again.");
            }
            ensureUserNameFree(handle, draft.userName(), id);
            handle.createUpdate("""
                            UPDATE users SET user_name = :userName, user_name_key = :key, email = :email,
                                   given_name = :given, family_name = :family, display_name = :display,
                                   active = :active, is_admin = :admin, updated_at = :now, version = version + 1,
                                   password_hash = COALESCE(:hash, password_hash), external_id = :externalId,
                                   locale = :locale, employee_number = :employeeNumber, cost_center = :costCenter,
                                   organization = :organization, division = :division, department = :department,
                                   manager_id = :managerId
                            WHERE id = :id""")
                    .bind("id", id).bind("externalId", externalId).bind("now", clock.instant()).bind("hash", newPasswordHash).bindMap(draftColumns(draft))
                    .execute();
            return find(handle, id).orElseThrow();
        }));
    }

    public void setPasswordHash(String id, String passwordHash) {
        int rows = jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE users SET password_hash = :hash, updated_at = :now, version = version + 1 WHERE id = :id""")
                .bind("id", id).bind("hash", passwordHash).bind("now", clock.instant()).execute());
        recent.invalidate(id);
        if (rows == 0) {
            throw notFound(id);
        }
    }

    /** Marks the user as brought in by an identity source ({@code ldap}), with its id there (a DN). */
    public void markSource(String id, String source, String externalId) {
        int rows = jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE users SET source = :source, source_ref = :external WHERE id = :id""")
                .bind("id", id).bind("source", source).bind("external", externalId).execute());
        recent.invalidate(id);
        if (rows == 0) {
            throw notFound(id);
        }
    }

    /** The identity source the user came from ({@code ldap}), or empty for Gatehouse's own users. */
    public Optional<String> sourceOf(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT source FROM users WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne()).filter(s -> s != null);
    }

    /** The ids of the users that {@code source} brought in, by their id there (a DN as the source wrote it). */
    public Map<String, String> idsByExternalId(String source) {
        Map<String, String> ids = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("SELECT id, source_ref FROM users WHERE source = :source")
                .bind("source", source)
                .map((rs, ctx) -> Map.entry(rs.getString("source_ref"), rs.getString("id")))
                .forEach(e -> ids.put(e.getKey(), e.getValue())));
        return ids;
    }

    public boolean delete(String id) {
        boolean deleted = jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute()) > 0;
        recent.invalidate(id);
        return deleted;
    }

    public Optional<User> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /**
     * Like {@link #find(String)}, from this node's short-lived cache: for the sign-in and launch path only, where a
     * change made on another node may show up to {@link NodeCache#DEFAULT_TTL} late. Admin pages and SCIM read fresh.
     */
    public Optional<User> findRecent(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return recent.get(id, this::find);
    }

    public Optional<User> findByUserName(String userName) {
        if (userName == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE user_name_key = :key")
                .bind("key", key(userName)).map(UserStore::map).findOne());
    }

    /** The stored password hash of the user named {@code userName}, with the user, for sign-in only. */
    Optional<Credentials> credentialsOf(String userName) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + ", password_hash FROM users WHERE user_name_key = :key")
                .bind("key", key(userName))
                .map((rs, ctx) -> new Credentials(map(rs, ctx), rs.getString("password_hash")))
                .findOne());
    }

    record Credentials(User user, String passwordHash) {
    }

    /** Users matching {@code query}, ordered by userName. */
    public ResultPage<User> list(ListQuery query) {
        String where = query.where() == null ? "1 = 1" : query.where().sql();
        Map<String, Object> values = query.where() == null ? Map.of() : query.where().binds();
        return jdbi.withHandle(handle -> {
            var count = handle.createQuery("SELECT COUNT(*) FROM users WHERE " + where).bindMap(values);
            int total = count.mapTo(Integer.class).one();
            var page = handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE " + where
                            + " ORDER BY " + (query.orderBy() == null ? "" : query.orderBy() + ", ") + "user_name_key, id LIMIT :limit OFFSET :offset")
                    .bind("limit", query.count()).bind("offset", query.startIndex() - 1).bindMap(values);
            List<User> items = page.map(UserStore::map).list();
            return new ResultPage<>(items, total, query.startIndex());
        });
    }

    public int count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM users").mapTo(Integer.class).one());
    }

    private static Optional<User> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id").bind("id", id).map(UserStore::map).findOne();
    }

    private static void ensureUserNameFree(Handle handle, String userName, String exceptId) {
        boolean taken = handle.createQuery("SELECT COUNT(*) FROM users WHERE user_name_key = :key AND id <> :id")
                .bind("key", key(userName)).bind("id", exceptId == null ? "" : exceptId)
                .mapTo(Integer.class).one() > 0;
        if (taken) {
            throw userNameTaken(userName);
        }
    }

    /** Runs {@code write}, turning a unique-key violation from a concurrent writer into the same refusal. */
    private static <T> T unique(String userName, Supplier<T> write) {
        try {
            return write.get();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw userNameTaken(userName);
            }
            throw e;
        }
    }

    private static DirectoryException userNameTaken(String userName) {
        return DirectoryException.of(DirectoryException.Code.UNIQUENESS, "userName",
                "userName \"" + userName + "\" is already taken.");
    }

    static DirectoryException notFound(String id) {
        return DirectoryException.of(DirectoryException.Code.NOT_FOUND, null, "There is no user with id " + id + ".");
    }

    private static Map<String, Object> draftColumns(UserDraft draft) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("userName", draft.userName());
        columns.put("key", key(draft.userName()));
        columns.put("email", draft.email());
        columns.put("given", draft.givenName());
        columns.put("family", draft.familyName());
        columns.put("display", draft.displayName());
        columns.put("active", draft.active());
        columns.put("admin", draft.admin());
        columns.put("locale", draft.locale());
        Enterprise e = draft.enterprise();
        columns.put("employeeNumber", e.employeeNumber());
        columns.put("costCenter", e.costCenter());
        columns.put("organization", e.organization());
        columns.put("division", e.division());
        columns.put("department", e.department());
        columns.put("managerId", e.managerId());
        return columns;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getString("id"), rs.getString("user_name"), rs.getString("subject"), rs.getString("email"),
                rs.getString("given_name"), rs.getString("family_name"), rs.getString("display_name"),
                rs.getBoolean("active"), rs.getBoolean("is_admin"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"), rs.getString("external_id"),
                rs.getString("locale"), new Enterprise(rs.getString("employee_number"), rs.getString("cost_center"),
                rs.getString("organization"), rs.getString("division"), rs.getString("department"), rs.getString("manager_id")));
    }
}
