package dev.gatehouse.awsside;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The AWS side of one application.
 *
 * @param target      the role and account it signs into, or {@code null} while the Role mapping names none
 * @param trustPolicy the role's trust policy as JSON, or {@code null} without a target
 * @param findings    the pre-flight checks' findings after *Check setup*, or {@code null} before
 * @param connection  the saved account connection (no secret), or {@code null}
 * @param connectionPolicy the least-privilege policy the connection's keys need, as JSON
 * @param errors      what was wrong with the connection form
 * @param saved       the connection was just saved
 * @param catalog     the application is an "AWS accounts" catalog (bundles per account; no connection or checks yet)
 * @param catalogAccounts a catalog's accounts, each with its own bundle; empty for a guide instance
 * @param encryption  the *Encrypted assertions* section
 */
public record AwsSidePage(Chrome chrome, String csrfToken, String appId, String appName, String templateTitle, AwsTarget target,
                          String trustPolicy, List<Finding> findings, AwsConnections.Summary connection,
                          String connectionPolicy, List<String> errors, boolean saved, boolean catalog,
                          List<CatalogAccountRow> catalogAccounts, EncryptionSection encryption) {

    /** One account of a catalog as the page lists it. */
    public record CatalogAccountRow(String accountId, String displayName, String providerArn, int roles) {
    }


    /** "1 error, 2 warnings": what the checks found, in words. */
    public String summary() {
        long e = errorCount();
        long w = warningCount();
        return e + (e == 1 ? " error, " : " errors, ") + w + (w == 1 ? " warning." : " warnings.");
    }

    public long errorCount() {
        return findings == null ? 0 : findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    }

    public long warningCount() {
        return findings == null ? 0 : findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
    }
}
