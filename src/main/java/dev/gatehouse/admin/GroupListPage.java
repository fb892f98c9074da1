package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/** The directory's groups and the form to create one (refilled with {@code newName} when refused). */
public record GroupListPage(Chrome chrome, String csrfToken, List<Row> rows, String newName, List<String> errors,
                            String notice) {
    /** One group in the table; {@code fromLdap}: brought in by the LDAP source, read-only here. */
    public record Row(String id, String displayName, int members, boolean fromLdap) {
    }
}
