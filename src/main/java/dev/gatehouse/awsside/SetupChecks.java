package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.CatalogAccount;
import dev.gatehouse.apps.Entitlement;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.keys.SigningKeyStore;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * *Check setup*: the static checks for every active user who may launch the application (assigned to a guide
 * instance, or entitled to a role of a catalog account, directly or through a group), then, with the account's
 * connection, the live checks of its provider and each role. Reads only. Thread-safe.
 */
final class SetupChecks {
    private final Assignments assignments;
    private final AwsCatalog catalog;
    private final GroupStore groups;
    private final ActiveUsers users;
    private final SigningKeyStore keys;
    private final AwsConnections connections;
    private final LiveChecks live;
    private final EncryptionCheck encryption;

    SetupChecks(Assignments assignments, AwsCatalog catalog, GroupStore groups, ActiveUsers users, SigningKeyStore keys,
                AwsConnections connections, LiveChecks live, EncryptionCheck encryption) {
        this.encryption = encryption;
        this.assignments = assignments;
        this.catalog = catalog;
        this.groups = groups;
        this.users = users;
        this.keys = keys;
        this.connections = connections;
        this.live = live;
    }

    List<Finding> guideInstance(App app, List<AttributeMapping> mappings) {
        Set<String> userIds = assignedUserIds(app.id());
        List<Finding> findings = new ArrayList<>(StaticChecks.run(app, mappings, claimsOf(userIds)));
        List<AwsTarget> targets = AwsTarget.ofGuideApp(app, mappings).map(List::of).orElse(List.of());
        findings.addAll(liveChecks(app, AwsConnections.GUIDE_ACCOUNT, targets));
        findings.addAll(usersFinding(userIds, "No active user is assigned: nobody can launch it yet.",
                "Assign users or groups on the Assignments tab."));
        return findings;
    }

    List<Finding> catalogAccount(App app, List<AttributeMapping> mappings, CatalogAccount account, List<AwsTarget> roles) {
        Set<String> userIds = entitledUserIds(app.id(), account.accountId());
        List<Finding> findings = new ArrayList<>(StaticChecks.runCatalog(app, mappings, account, roles, claimsOf(userIds)));
        findings.addAll(liveChecks(app, account.accountId(), roles));
        findings.addAll(usersFinding(userIds, "No active user is entitled to a role of this account: nobody can launch it yet.",
                "Entitle users or groups on the Entitlements tab."));
        return findings;
    }

    private List<Finding> liveChecks(App app, String accountKey, List<AwsTarget> roles) {
        Optional<AwsConnection> connection = connections.open(app.id(), accountKey);
        if (connection.isEmpty()) {
            return List.of(new Finding("connection", Finding.Severity.WARNING, "No account connection: the account itself was not checked.",
                    null, "Connect the account to check its provider, roles and trust policies."));
        }
        if (roles.isEmpty()) {
            return List.of();
        }
        List<String> certificates = keys.publishedKeys(app.id()).stream().map(SetupChecks::certificateBase64).toList();
        List<Finding> findings = new ArrayList<>(live.run(connection.get(), roles, app.entityId(), certificates));
        findings.addAll(encryption.run(app, connection.get(), roles.get(0)));
        return findings;
    }

    private static List<Finding> usersFinding(Set<String> userIds, String nobody, String fix) {
        if (userIds.isEmpty()) {
            return List.of(new Finding("assignments", Finding.Severity.WARNING, nobody, null, fix));
        }
        if (userIds.size() > AwsSide.MAX_CHECKED_USERS) {
            return List.of(new Finding("assignments", Finding.Severity.WARNING, "Only the first " + AwsSide.MAX_CHECKED_USERS
                    + " of " + userIds.size() + " users were checked.", null, null));
        }
        return List.of();
    }

    private List<UserClaims> claimsOf(Set<String> userIds) {
        List<UserClaims> claims = new ArrayList<>();
        for (String userId : userIds) {
            if (claims.size() == AwsSide.MAX_CHECKED_USERS) {
                break;
            }
            users.claims(userId).ifPresent(claims::add);
        }
        return claims;
    }

    Set<String> assignedUserIds(String appId) {
        Set<String> ids = new LinkedHashSet<>();
        for (Assignments.Assignment a : assignments.of(appId)) {
            addPrincipal(a.principalType(), a.principalId(), ids);
        }
        return ids;
    }

    private Set<String> entitledUserIds(String appId, String accountId) {
        Set<String> ids = new LinkedHashSet<>();
        for (Entitlement e : catalog.entitlements(appId)) {
            if (e.accountId().equals(accountId)) {
                addPrincipal(e.principalType(), e.principalId(), ids);
            }
        }
        return ids;
    }

    private void addPrincipal(Assignments.PrincipalType type, String principalId, Set<String> ids) {
        if (type == Assignments.PrincipalType.USER) {
            ids.add(principalId);
        } else {
            groups.find(principalId).map(Group::members).ifPresent(ms -> ms.forEach(m -> ids.add(m.userId())));
        }
    }

    private static String certificateBase64(SigningKey key) {
        try {
            return Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
