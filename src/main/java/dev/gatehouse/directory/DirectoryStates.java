package dev.gatehouse.directory;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link Directory} writes users and groups into audit entries (one before/after shape, never a password or
 * hash), and which members a group change moved.
 */
final class DirectoryStates {
    private DirectoryStates() {
    }

    /** The users who joined or left: the symmetric difference of two member lists. */
    static Set<String> movedMembers(Collection<String> before, Collection<String> after) {
        Set<String> moved = new HashSet<>(before);
        moved.addAll(after);
        Set<String> kept = new HashSet<>(before);
        kept.retainAll(after);
        moved.removeAll(kept);
        return moved;
    }

    static Map<String, Object> describe(User user) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("userName", user.userName());
        state.put("email", user.email());
        state.put("givenName", user.givenName());
        state.put("familyName", user.familyName());
        state.put("displayName", user.displayName());
        state.put("active", user.active());
        state.put("admin", user.admin());
        if (user.externalId() != null) {
            state.put("externalId", user.externalId());
        }
        if (user.locale() != null) {
            state.put("locale", user.locale());
        }
        if (!user.enterprise().isEmpty()) {
            Enterprise e = user.enterprise();
            Map<String, Object> enterprise = new LinkedHashMap<>();
            enterprise.put("employeeNumber", e.employeeNumber());
            enterprise.put("costCenter", e.costCenter());
            enterprise.put("organization", e.organization());
            enterprise.put("division", e.division());
            enterprise.put("department", e.department());
            enterprise.put("manager", e.managerId());
            enterprise.values().removeIf(Objects::isNull);
            state.put("enterprise", enterprise);
        }
        return state;
    }

    static Map<String, Object> describe(Group group) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("displayName", group.displayName());
        state.put("members", group.memberIds());
        if (group.externalId() != null) {
            state.put("externalId", group.externalId());
        }
        return state;
    }
}
