package dev.gatehouse.signin;

import dev.gatehouse.web.Chrome;

/**
 * The admin console's security settings.
 *
 * @param requireAdminMfa whether every administrator must use two-step sign-in
 * @param selfEnrolled    whether the administrator looking at the page has it on (needed before requiring it)
 * @param passkeyRule     who must sign in with a passkey: {@code off}, {@code admins} or {@code everyone}
 * @param selfHasPasskey  whether the administrator looking at the page has a passkey (needed before requiring them)
 */
public record SecuritySettingsPage(Chrome chrome, String csrfToken, boolean requireAdminMfa, boolean selfEnrolled,
                                   String passkeyRule, boolean selfHasPasskey, String error, String notice) {
}
