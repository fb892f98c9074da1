package dev.gatehouse.admin;

import java.util.List;

/** The users and groups an application can be assigned to, as choices for the assignment form. */
public interface PrincipalOptions {
    /** A choice: the principal's id and how to show it. */
    record Option(String id, String label) {
    }

    List<Option> users();

    List<Option> groups();
}
