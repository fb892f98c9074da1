package dev.gatehouse.admin;

import dev.gatehouse.apps.AssignablePrincipals;
import dev.gatehouse.web.Chrome;

import java.util.List;

/** The page records of an "AWS accounts" instance's console tabs: accounts and roles, and entitlements. */
public final class CatalogPages {
    private CatalogPages() {
    }

    /** The Accounts and roles tab; {@code form} refills the account form after a refusal. */
    public record AccountsPage(Chrome chrome, String csrfToken, AppPages.AppHeader header, String metadataDownloadUrl,
                               List<Account> accounts, AccountForm form, RoleForm roleForm, List<String> errors, String notice) {
        public record Account(String accountId, String displayName, String samlProviderName, String providerArn,
                              String signInUrl, String stsEndpoint, List<Role> roles, String trustPolicy) {
        }

        public record Role(String roleName, String roleArn, String description, int sessionDurationSeconds,
                           String relayState, String elementId) {
        }

        public record AccountForm(String accountId, String displayName, String samlProviderName, String signInUrl,
                                  String stsEndpoint) {
        }

        public record RoleForm(String accountId, String roleName, String description, String sessionDurationSeconds,
                               String relayState) {
        }
    }

    /** The Entitlements tab. */
    public record EntitlementsPage(Chrome chrome, String csrfToken, AppPages.AppHeader header, List<Row> rows,
                                   List<AssignablePrincipals.Choice> users, List<AssignablePrincipals.Choice> groups,
                                   List<Pair> pairs, List<String> errors, String notice) {
        public record Row(String principalType, String principalId, String principalLabel, String accountId,
                          String accountName, String roleName) {
        }

        /** A choosable (account, role): {@code value} is "ACCOUNT ROLE". */
        public record Pair(String value, String label) {
        }
    }
}
