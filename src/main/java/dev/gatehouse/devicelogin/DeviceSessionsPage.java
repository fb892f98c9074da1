package dev.gatehouse.devicelogin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The device sessions of one user (account page, {@code admin} false) or of everyone (the console).
 *
 * @param revokeBase where each row's Revoke form posts, followed by the session id and {@code /revoke}
 */
public record DeviceSessionsPage(Chrome chrome, String csrfToken, boolean admin, List<Row> sessions, String revokeBase,
                                 String notice, String portalUrl) {
    /** One session, formatted for the table. */
    public record Row(String id, String userName, String clientId, String created, String lastUsed, String from,
                      String userAgent) {
    }
}
