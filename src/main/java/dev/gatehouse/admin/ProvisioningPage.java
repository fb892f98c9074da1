package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * An application's "Provisioning" tab: its SCIM push target (the URL; the token only as "set"), and its latest
 * pushes with status, attempts and last error.
 *
 * @param supported whether the application's template can push (custom SAML 2.0 only)
 */
public record ProvisioningPage(Chrome chrome, String csrfToken, AppPages.AppHeader header, boolean supported,
                               String baseUrl, boolean tokenSet, String updatedAt, List<Row> pushes,
                               List<String> errors, String notice) {
    /** One push as the table shows it. */
    public record Row(long id, String user, String reason, String status, String action, int attempts,
                      String nextAttemptAt, String lastError, String updatedAt) {
    }
}
