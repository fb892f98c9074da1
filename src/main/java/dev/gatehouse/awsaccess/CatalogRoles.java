package dev.gatehouse.awsaccess;

import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.EntitledRole;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.UserClaims;

import java.util.List;
import java.util.Optional;

/**
 * The (account, role) pairs of "AWS accounts" instances the user is entitled to, directly or through a group: one
 * role each, at the account's STS endpoint when the catalog names one, else the one its sign-in endpoint implies.
 */
public final class CatalogRoles implements AwsRoleSource {
    private final AwsCatalog catalog;
    private final ActiveUsers users;

    public CatalogRoles(AwsCatalog catalog, ActiveUsers users) {
        this.catalog = catalog;
        this.users = users;
    }

    @Override
    public List<AwsRole> entitledAwsRoles(String userId) {
        Optional<UserClaims> claims = users.claims(userId);
        if (claims.isEmpty()) {
            return List.of();
        }
        return catalog.entitledAwsRoles(userId, claims.get().groupIds()).stream().map(CatalogRoles::role).toList();
    }

    private static AwsRole role(EntitledRole pair) {
        String sts = pair.account().stsEndpoint() == null || pair.account().stsEndpoint().isBlank()
                ? GuideAccountRoles.stsEndpoint(pair.account().signInUrl()) : pair.account().stsEndpoint();
        return new AwsRole(pair.app().id(), pair.account().displayName(), pair.account().accountId(), pair.role().roleName(),
                pair.account().roleArn(pair.role().roleName()), pair.account().providerArn(), sts,
                pair.role().sessionDurationSeconds(), true);
    }
}
