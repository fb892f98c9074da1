package dev.gatehouse.awsaccess;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.idp.Authentication;
import dev.gatehouse.idp.SignInRefusedException;
import dev.gatehouse.idp.SingleSignOn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line's credentials, Gatehouse's half: the roles a user may use (every {@link AwsRoleSource}
 * together), and a signed assertion for exactly one of them. A role the user is not entitled to is refused before
 * anything is signed. Thread-safe.
 */
public final class AwsAssertions {
    /** A signed response for one role, with what STS AssumeRoleWithSAML needs beside it. */
    public record Signed(AwsRole role, String samlResponse) {
    }

    private final List<AwsRoleSource> sources;
    private final SingleSignOn sso;
    private final ActiveUsers users;
    private final AuditLog audit;

    public AwsAssertions(List<AwsRoleSource> sources, SingleSignOn sso, ActiveUsers users, AuditLog audit) {
        this.sources = List.copyOf(sources);
        this.sso = sso;
        this.users = users;
        this.audit = audit;
    }

    public List<AwsRole> roles(String userId) {
        List<AwsRole> all = new ArrayList<>();
        sources.forEach(source -> all.addAll(source.entitledAwsRoles(userId)));
        return all;
    }

    /** The entitled role matching the request; {@code appId} may be null when the account and role say enough. */
    public Optional<AwsRole> find(String userId, String appId, String accountId, String roleName) {
        return roles(userId).stream().filter(r -> (appId == null || r.appId().equals(appId))
                && r.accountId().equals(accountId) && r.roleName().equals(roleName)).findFirst();
    }

    /**
     * Signs an assertion for one entitled role.
     *
     * @throws NotEntitledException when the user may not use the role (nothing is signed)
     */
    public Signed sign(String userId, String userName, Authentication authentication, String appId, String accountId,
                       String roleName) {
        Optional<AwsRole> role = find(userId, appId, accountId, roleName);
        Optional<UserClaims> claims = users.claims(userId);
        if (role.isEmpty() || claims.isEmpty()) {
            audit.record(userName, "CLI_ASSERTION_REFUSED", appId == null ? "-" : appId,
                    "not entitled to account=" + accountId + " role=" + roleName);
            throw new NotEntitledException("You are not assigned to role " + roleName + " in account " + accountId
                    + ". Run `gatehouse aws roles` to see yours, or ask your administrator for access.");
        }
        try {
            SingleSignOn.Launch launch = role.get().catalogPair()
                    ? sso.commandLineRoleAssertion(role.get().appId(), role.get().accountId(), role.get().roleName(), claims.get(), authentication)
                    : sso.commandLineAssertion(role.get().appId(), claims.get(), authentication);
            return new Signed(role.get(), launch.samlResponse());
        } catch (SignInRefusedException e) {
            throw new NotEntitledException(e.getMessage());
        }
    }

    /** A role the caller may not use; the message says what to do. */
    public static final class NotEntitledException extends RuntimeException {
        NotEntitledException(String message) {
            super(message, null, false, false);
        }
    }
}
