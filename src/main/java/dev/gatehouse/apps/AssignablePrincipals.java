package dev.gatehouse.apps;

import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.ListQuery;
import dev.gatehouse.directory.UserStore;

import java.util.List;

/** The users and groups an application can be assigned to, read from the directory. Thread-safe. */
public final class AssignablePrincipals {
    /** A principal to choose: its id and how to show it. */
    public record Choice(String id, String label) {
    }

    private final UserStore users;
    private final GroupStore groups;

    public AssignablePrincipals(UserStore users, GroupStore groups) {
        this.users = users;
        this.groups = groups;
    }

    public boolean exists(Assignments.PrincipalType type, String id) {
        return id != null && (type == Assignments.PrincipalType.USER ? users.find(id).isPresent() : groups.find(id).isPresent());
    }

    /** Every user, labelled with the user name and e-mail address. */
    public List<Choice> users() {
        return users.list(ListQuery.all()).items().stream()
                .map(u -> new Choice(u.id(), u.userName() + (u.email() != null ? " (" + u.email() + ")" : "")))
                .toList();
    }

    public List<Choice> groups() {
        return groups.list(ListQuery.all()).items().stream().map(g -> new Choice(g.id(), g.displayName())).toList();
    }
}
