package dev.gatehouse.awsaccess;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The portal's AWS access page: each role with its "Command line or programmatic access" button, the CLI set-up,
 * and, after the button, one role's temporary keys in three shapes.
 *
 * @param keys the issued keys, or {@code null} on the plain page
 */
public record AccessKeysPage(Chrome chrome, String csrfToken, List<AwsRole> roles, Keys keys, String error,
                             String portalUrl) {
    /** One role's keys as text blocks to copy. */
    public record Keys(AwsRole role, String expires, String bash, String powershell, String credentialsFile) {
    }
}
