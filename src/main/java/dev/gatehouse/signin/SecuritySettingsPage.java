package dev.gatehouse.signin;

import dev.gatehouse.web.Chrome;

/**
 * The admin console's security settings.
 *
 * @param requireAdminMfa whether every administrator must use two-step sign-in
 * @param selfEnrolled    whether the administrator looking at the page has it on (needed before requiring it)
 */
public record SecuritySettingsPage(Chrome chrome, String csrfToken, boolean requireAdminMfa, boolean selfEnrolled,
                              String error, String notice) {
}
