package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/** One group: rename it, see and remove its members, add a user who is not yet a member. */
public record GroupEditPage(Chrome chrome, String csrfToken, String id, String displayName, List<Person> members,
                            List<Person> candidates, List<String> errors, String notice) {
    /** A user shown as a member or as a candidate to add. */
    public record Person(String id, String label) {
    }
}
