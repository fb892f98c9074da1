package dev.gatehouse.portal;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The portal's AWS accounts view: each account the user may use with its roles, recently used first, filtered by
 * {@code query}; {@code recent} repeats the last few pairs used at the top.
 */
public record AwsAccountsPage(Chrome chrome, String query, int totalRoles, List<RoleLink> recent, List<Account> accounts) {
    /** One account of one catalog instance, with the user's roles in it. */
    public record Account(String catalogName, String accountId, String displayName, List<RoleLink> roles) {
    }

    /** One (account, role) pair; {@code launchUrl} is the bookmarkable direct launch. */
    public record RoleLink(String accountId, String accountName, String roleName, String description, String launchUrl,
                           String lastUsed, String elementId) {
    }
}
