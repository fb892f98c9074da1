package dev.gatehouse.signin.factors;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The signed-in user's passkeys page.
 *
 * @param passkeys the user's passkeys, oldest first
 * @param error    what went wrong with the last form, or {@code null}
 * @param added    the name of the passkey just added, or {@code null}
 * @param required whether the security policy requires this user to sign in with a passkey
 */
public record PasskeyAccountPage(Chrome chrome, String csrfToken, List<Row> passkeys, String error, String added,
                                 boolean required) {

    /** One passkey as the page shows it; dates already formatted (UTC). */
    public record Row(String id, String name, String created, String lastUsed) {
    }
}
