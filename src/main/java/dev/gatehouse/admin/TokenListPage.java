package dev.gatehouse.admin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * Administrator tokens: the list, the create form, and right after creation the new token's plaintext, which
 * is shown this once and never again.
 */
public record TokenListPage(Chrome chrome, String csrfToken, List<Row> rows, String newTokenName,
                            String newTokenPlaintext, List<String> errors, String notice, long defaultDays) {
    /** One token in the table; {@code createdBy} is the administrator it acts as. */
    public record Row(String id, String name, String createdBy, String createdAt, String lastUsedAt, String expiresAt,
                      boolean revoked, boolean expired) {
    }
}
