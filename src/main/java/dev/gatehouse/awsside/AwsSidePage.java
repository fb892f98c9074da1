package dev.gatehouse.awsside;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The AWS side of one application: a guide instance's one account, a catalog's overview, or one catalog account.
 *
 * @param catalog     the application is an "AWS accounts" catalog
 * @param accountId   the catalog account this page is about, or {@code null} (a guide instance, or the catalog's overview)
 * @param roles       the roles the account must hold with their trust policies: a guide instance's one (none while its
 *                    Role mapping names none), the catalog account's; empty on the overview
 * @param findings    the pre-flight checks' findings after *Check setup*, or {@code null} before
 * @param connection  the saved account connection (no secret), or {@code null}
 * @param form        what the connection form shows: the values just refused, else the saved connection, or {@code null}
 * @param connectionPolicy the least-privilege policy the connection's keys need, as JSON
 * @param errors      what was wrong with the connection form
 * @param saved       the connection was just saved
 * @param catalogAccounts a catalog's accounts; empty for a guide instance
 * @param testUsers   the assigned active users *Check setup* may test-sign-in as (a guide instance with a connection)
 * @param testUser    the one chosen for this check, or empty
 * @param encryption  the *Encrypted assertions* section
 */
public record AwsSidePage(Chrome chrome, String csrfToken, String appId, String appName, String templateTitle,
                          boolean catalog, String accountId, List<RoleRow> roles, List<Finding> findings,
                          AwsConnections.Summary connection, AwsConnections.Summary form, String connectionPolicy, List<String> errors, boolean saved,
                          List<CatalogAccountRow> catalogAccounts, List<String> testUsers, String testUser,
                          EncryptionSection encryption) {

    /** One role the account must hold, with its generated trust policy. */
    public record RoleRow(AwsTarget target, String trustPolicy) {
    }

    /** One account of a catalog as the page lists it. */
    public record CatalogAccountRow(String accountId, String displayName, String providerArn, int roles, boolean connected) {
    }

    /** The page is about one account (connection and checks shown): a guide instance's, or a chosen catalog account. */
    public boolean oneAccount() {
        return !catalog || accountId != null;
    }

    /** The first role's target (they share the account and provider), or {@code null}. */
    public AwsTarget target() {
        return roles.isEmpty() ? null : roles.get(0).target();
    }

    /** The query string that keeps a catalog account in links and forms: {@code ?account=…} or empty. */
    public String accountQuery() {
        return accountId == null ? "" : "?account=" + accountId;
    }

    /** The chosen catalog account's row, or {@code null}. */
    public CatalogAccountRow account() {
        return catalogAccounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst().orElse(null);
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
