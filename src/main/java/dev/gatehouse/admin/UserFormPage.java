package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The create and edit form of a user ({@code id == null} when creating), refilled with what was typed when the
 * form is refused; the password is never echoed back. {@code self}: the signed-in administrator's own account,
 * which they may edit but not deactivate, demote or delete. {@code factors}: the user's sign-in factors as shown.
 */
public record UserFormPage(Chrome chrome, String csrfToken, String id, Fields fields, List<String> errors,
                           String notice, boolean self, String factors) {
    /**
     * The form's values; {@code manager} is the manager's user name (or the id a provisioning client sent when
     * there is no such user here).
     */
    public record Fields(String userName, String email, String givenName, String familyName, String displayName,
                         boolean active, boolean admin, String locale, String employeeNumber, String costCenter,
                         String organization, String division, String department, String manager) {
    }

    public boolean creating() {
        return id == null;
    }
}
