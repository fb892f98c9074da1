package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.Map;

/**
 * The LDAP page: the settings form's values (never the bind password: only whether one is stored), and the
 * outcome of the last action, an error or a notice.
 */
public record LdapSettingsPage(Chrome chrome, String csrfToken, Map<String, String> values, boolean enabled,
                               boolean allowPlain, boolean passwordStored, String error, String notice) {
    public String value(String name) {
        return values.getOrDefault(name, "");
    }
}
