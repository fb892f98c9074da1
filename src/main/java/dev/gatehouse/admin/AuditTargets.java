package dev.gatehouse.admin;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.User;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names for the audit log's targets, which are stored as ids (names change, ids do not): a user's user name, a
 * group's or an application's display name. Targets that are gone, or are not users, groups or applications,
 * have no name and are shown by id.
 */
final class AuditTargets {
    private final Directory directory;
    private final Applications apps;

    AuditTargets(Directory directory, Applications apps) {
        this.directory = directory;
        this.apps = apps;
    }

    /** The name of each id that has one, looked up once per distinct id. */
    Map<String, String> names(Collection<String> targets) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> appNames = null;
        for (String id : targets) {
            if (id == null || names.containsKey(id)) {
                continue;
            }
            Optional<String> name = Optional.empty();
            if (id.startsWith("u-")) {
                name = directory.users().find(id).map(User::userName);
            } else if (id.startsWith("g-")) {
                name = directory.groups().find(id).map(Group::displayName);
            } else if (id.startsWith("app-")) {
                if (appNames == null) {
                    appNames = new HashMap<>(); // few applications: one read of all beats one per row
                    for (App app : apps.list()) {
                        appNames.put(app.id(), app.displayName());
                    }
                }
                name = Optional.ofNullable(appNames.get(id));
            }
            name.ifPresent(n -> names.put(id, n));
        }
        return names;
    }
}
