package dev.gatehouse.apps;

import dev.gatehouse.storage.NodeCache;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;

/** Application instances and their attribute mappings, in the database. Thread-safe. */
public final class AppStore {
    private final Jdbi jdbi;
    private final Clock clock;
    /** Instances and their mappings for the launch path; every write here clears them. */
    private final NodeCache<String, App> recentApps;
    private final NodeCache<String, List<AttributeMapping>> recentMappings;

    public AppStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.recentApps = new NodeCache<>(clock, 10_000);
        this.recentMappings = new NodeCache<>(clock, 10_000);
    }

    /** Saves a new instance with its template's default mappings. */
    public App insert(App app) {
        return insert(app, h -> { });
    }

    /** Saves a new instance with its template's default mappings and whatever {@code alongside} writes, in one transaction. */
    public App insert(App app, Consumer<Handle> alongside) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO apps (id, template, display_name, description, acs_url, audience, relay_state,
                                              session_duration_seconds, entity_id, created_at, updated_at)
                            VALUES (:id, :template, :name, :description, :acs, :audience, :relay, :duration, :entity, :now, :now)""")
                    .bind("id", app.id()).bind("template", app.template().id()).bind("name", app.displayName())
                    .bind("description", app.description()).bind("acs", app.acsUrl()).bind("audience", app.audience())
                    .bind("relay", app.relayState()).bind("duration", app.sessionDurationSeconds())
                    .bind("entity", app.entityId()).bind("now", app.createdAt())
                    .execute();
            writeMappings(h, app.id(), app.template().defaultMappings());
            alongside.accept(h);
        });
        return app;
    }

    public App update(App app) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE apps SET display_name = :name, description = :description, acs_url = :acs,
                               audience = :audience, relay_state = :relay, session_duration_seconds = :duration,
                               updated_at = :now
                        WHERE id = :id""")
                .bind("id", app.id()).bind("name", app.displayName()).bind("description", app.description())
                .bind("acs", app.acsUrl()).bind("audience", app.audience()).bind("relay", app.relayState())
                .bind("duration", app.sessionDurationSeconds()).bind("now", now)
                .execute());
        recentApps.invalidate(app.id());
        return find(app.id()).orElseThrow();
    }

    public Optional<App> find(String id) {
        if (id == null || id.length() > 40) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM apps WHERE id = :id").bind("id", id)
                .map((rs, c) -> app(rs)).findOne());
    }

    /** Like {@link #find(String)}, from this node's short-lived cache (see {@link NodeCache}): for the launch path. */
    public Optional<App> findRecent(String id) {
        if (id == null || id.length() > 40) {
            return Optional.empty();
        }
        return recentApps.get(id, this::find);
    }

    public List<App> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM apps ORDER BY LOWER(display_name), created_at")
                .map((rs, c) -> app(rs)).list());
    }

    /** Other instances that already use {@code displayName} (the guide suggests unique names; we warn). */
    public List<App> withDisplayName(String displayName, String exceptId) {
        return list().stream()
                .filter(a -> a.displayName().equalsIgnoreCase(displayName.trim()) && !a.id().equals(exceptId))
                .toList();
    }

    public boolean delete(String id) {
        boolean deleted = jdbi.withHandle(h -> h.createUpdate("DELETE FROM apps WHERE id = :id").bind("id", id).execute()) > 0;
        recentApps.invalidate(id);
        recentMappings.invalidate(id);
        return deleted;
    }

    public List<AttributeMapping> mappings(String appId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT attribute, val, format FROM app_attribute_mappings WHERE app_id = :app ORDER BY position""")
                .bind("app", appId)
                .map((rs, c) -> new AttributeMapping(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list());
    }

    /** Like {@link #mappings(String)}, from this node's short-lived cache: for the launch path. */
    public List<AttributeMapping> mappingsRecent(String appId) {
        return recentMappings.get(appId, id -> Optional.of(mappings(id))).orElseThrow();
    }

    /** Replaces all mapping rows of an application at once (the caller has validated them). */
    public void replaceMappings(String appId, List<AttributeMapping> rows) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM app_attribute_mappings WHERE app_id = :app").bind("app", appId).execute();
            writeMappings(h, appId, rows);
            h.createUpdate("UPDATE apps SET updated_at = :now WHERE id = :id")
                    .bind("now", clock.instant()).bind("id", appId).execute();
        });
        recentMappings.invalidate(appId);
        recentApps.invalidate(appId);
    }

    private static void writeMappings(Handle h, String appId, List<AttributeMapping> rows) {
        for (int i = 0; i < rows.size(); i++) {
            AttributeMapping row = rows.get(i);
            h.createUpdate("""
                            INSERT INTO app_attribute_mappings (app_id, position, attribute, val, format)
                            VALUES (:app, :pos, :attribute, :val, :format)""")
                    .bind("app", appId).bind("pos", i).bind("attribute", row.attribute())
                    .bind("val", row.value()).bind("format", row.format())
                    .execute();
        }
    }

    private static App app(ResultSet rs) throws SQLException {
        return new App(rs.getString("id"), AppTemplate.byId(rs.getString("template")).orElseThrow(),
                rs.getString("display_name"), rs.getString("description"), rs.getString("acs_url"),
                rs.getString("audience"), rs.getString("relay_state"), rs.getInt("session_duration_seconds"),
                rs.getString("entity_id"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
