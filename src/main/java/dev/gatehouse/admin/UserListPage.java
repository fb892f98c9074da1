package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/** The directory's users, with a notice after a change. */
public record UserListPage(Chrome chrome, String csrfToken, List<Row> rows, String notice) {
    /**
     * One user in the table; {@code self} is the signed-in administrator, who may not deactivate themselves;
     * {@code factors} names their sign-in factors ("Password only" when none); {@code fromLdap}: brought in by the
     * LDAP source, read-only here.
     */
    public record Row(String id, String userName, String displayName, String email, boolean active, boolean admin,
                      boolean self, String factors, boolean fromLdap) {
    }
}
