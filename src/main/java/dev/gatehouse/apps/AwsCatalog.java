package dev.gatehouse.apps;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.UserClaims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The accounts, roles and entitlements of "AWS accounts" instances ({@link AwsAccountCatalogTemplate}), every field
 * checked and every problem named before anything changes; each change is audited here with its before and after.
 * Also answers which (account, role) pairs a user may use: the portal lists them, a launch requires one, and the
 * command-line credentials of a later issue will list them too. Thread-safe.
 */
public final class AwsCatalog implements Directory.DeletionListener {
    public static final String GLOBAL_SIGN_IN = AwsSamlRules.GLOBAL_SIGN_IN;

    /** What {@code PUT .../accounts/{accountId}} takes. */
    public record AccountInput(String displayName, String samlProviderName, String signInUrl, String stsEndpoint) {
    }

    /** What {@code PUT .../roles/{roleName}} takes. */
    public record RoleInput(String description, Integer sessionDurationSeconds, String relayState) {
    }

    private final CatalogStore store;
    private final RecentLaunches recent;
    private final Applications apps;
    private final AssignablePrincipals principals;
    private final ActiveUsers users;
    private final AuditLog audit;

    public AwsCatalog(Applications apps, AssignablePrincipals principals, ActiveUsers users, AuditLog audit,
                      org.jdbi.v3.core.Jdbi jdbi, java.time.Clock clock) {
        this.store = new CatalogStore(jdbi, clock);
        this.recent = new RecentLaunches(store, clock);
        this.apps = apps;
        this.principals = principals;
        this.users = users;
        this.audit = audit;
    }

    /** The instance, which must be an "AWS accounts" catalog. */
    public App catalog(String appId) {
        App app = apps.find(appId);
        if (!(app.template() instanceof AwsAccountCatalogTemplate)) {
            throw new NoSuchElementException(app.displayName() + " is not an AWS accounts catalog; accounts, roles and "
                    + "entitlements belong to instances of the aws-account-catalog template.");
        }
        return app;
    }

    public List<CatalogAccount> accounts(String appId) {
        return store.accounts(catalog(appId).id());
    }

    /** Adds or replaces an account; returns whether it is new. */
    public boolean putAccount(String actor, String appId, String accountId, AccountInput in) {
        catalog(appId);
        String name = trim(in.displayName());
        String provider = trim(in.samlProviderName());
        String url = trim(in.signInUrl()) == null || trim(in.signInUrl()).isEmpty() ? GLOBAL_SIGN_IN : trim(in.signInUrl());
        String sts = trim(in.stsEndpoint());
        List<String> problems = CatalogInputRules.accountProblems(accountId, name, provider, url, sts);
        refuseIf(problems);
        CatalogAccount before = store.account(appId, accountId).orElse(null);
        CatalogAccount account = new CatalogAccount(appId, accountId, name, provider, url, sts == null || sts.isEmpty() ? null : sts);
        boolean created = store.putAccount(account);
        audit.recordChange(actor, "CATALOG_ACCOUNT_SAVED", appId, before, account);
        return created;
    }

    public boolean deleteAccount(String actor, String appId, String accountId) {
        catalog(appId);
        CatalogAccount before = store.account(appId, accountId).orElse(null);
        if (before == null || !store.deleteAccount(appId, accountId)) {
            return false;
        }
        audit.recordChange(actor, "CATALOG_ACCOUNT_DELETED", appId, before, null);
        return true;
    }

    /** The roles of one account ({@code null}: of every account). */
    public List<CatalogRole> roles(String appId, String accountId) {
        catalog(appId);
        if (accountId != null) {
            requireAccount(appId, accountId);
        }
        return store.roles(appId, accountId);
    }

    /** Adds or replaces a role of an account in the catalog; returns whether it is new. */
    public boolean putRole(String actor, String appId, String accountId, String roleName, RoleInput in) {
        catalog(appId);
        requireAccount(appId, accountId);
        List<String> problems = new ArrayList<>(CatalogInputRules.roleNameProblems(roleName));
        int duration = in.sessionDurationSeconds() == null ? Applications.DEFAULT_SESSION_SECONDS : in.sessionDurationSeconds();
        if (!AwsSamlRules.validSessionDuration(duration)) {
            problems.add("sessionDurationSeconds must be from " + AwsSamlRules.MIN_SESSION_SECONDS + " to "
                    + AwsSamlRules.MAX_SESSION_SECONDS + ".");
        }
        String description = trim(in.description());
        if (description != null && description.length() > 1000) {
            problems.add("description is limited to 1000 characters.");
        }
        String relay = trim(in.relayState());
        if (relay != null && relay.length() > 240) {
            problems.add("relayState is limited to 240 characters.");
        }
        refuseIf(problems);
        String name = CatalogInputRules.normalize(roleName);
        CatalogRole before = store.role(appId, accountId, name).orElse(null);
        CatalogRole role = new CatalogRole(appId, accountId, name, description == null || description.isEmpty() ? null : description,
                duration, relay == null || relay.isEmpty() ? null : relay);
        boolean created = store.putRole(role);
        audit.recordChange(actor, "CATALOG_ROLE_SAVED", appId, before, role);
        return created;
    }

    public boolean deleteRole(String actor, String appId, String accountId, String roleName) {
        catalog(appId);
        CatalogRole before = store.role(appId, accountId, CatalogInputRules.normalize(roleName)).orElse(null);
        if (before == null || !store.deleteRole(appId, accountId, before.roleName())) {
            return false;
        }
        audit.recordChange(actor, "CATALOG_ROLE_DELETED", appId, before, null);
        return true;
    }

    public List<Entitlement> entitlements(String appId) {
        return store.entitlements(catalog(appId).id());
    }

    /** Entitles a user or group to a pair of the catalog; returns {@code false} when it already was. */
    public boolean entitle(String actor, Entitlement e) {
        catalog(e.appId());
        List<String> problems = new ArrayList<>();
        if (e.principalId() == null || !principals.exists(e.principalType(), e.principalId())) {
            problems.add("principalId: no " + e.principalType().name().toLowerCase() + " with id " + e.principalId() + ".");
        }
        if (e.accountId() == null || store.account(e.appId(), e.accountId()).isEmpty()) {
            problems.add("accountId: account " + e.accountId() + " is not in this catalog.");
        } else if (e.roleName() == null || store.role(e.appId(), e.accountId(), CatalogInputRules.normalize(e.roleName())).isEmpty()) {
            problems.add("roleName: role " + e.roleName() + " is not in the catalog for account " + e.accountId() + ".");
        }
        refuseIf(problems);
        Entitlement saved = new Entitlement(e.appId(), e.principalType(), e.principalId(), e.accountId(), CatalogInputRules.normalize(e.roleName()));
        boolean created = store.entitle(saved);
        if (created) {
            audit.recordChange(actor, "CATALOG_ENTITLED", e.appId(), null, saved);
        }
        return created;
    }

    public boolean removeEntitlement(String actor, Entitlement e) {
        catalog(e.appId());
        Entitlement target = new Entitlement(e.appId(), e.principalType(), e.principalId(), e.accountId(),
                e.roleName() == null ? null : CatalogInputRules.normalize(e.roleName()));
        boolean removed = store.removeEntitlement(target);
        if (removed) {
            audit.recordChange(actor, "CATALOG_UNENTITLED", e.appId(), target, null);
        }
        return removed;
    }

    /** Every (app, account, role) the active user may use, directly or through a group; empty for inactive users. */
    public List<EntitledRole> entitledAwsRoles(String userId) {
        return users.claims(userId).map(c -> entitledAwsRoles(c.userId(), c.groupIds())).orElse(List.of());
    }

    public List<EntitledRole> entitledAwsRoles(String userId, Collection<String> groupIds) {
        Map<String, App> appsById = new LinkedHashMap<>();
        List<EntitledRole> out = new ArrayList<>();
        for (CatalogStore.Pair p : store.entitledPairs(userId, groupIds)) {
            App app = appsById.computeIfAbsent(p.account().appId(), apps::findRecent);
            out.add(new EntitledRole(app, p.account(), p.role()));
        }
        return out;
    }

    /** The pair, when the active user may use it. @throws NotEntitledException otherwise (nothing is signed) */
    public EntitledRole requireEntitled(String userId, String appId, String accountId, String roleName) {
        UserClaims user = users.claims(userId).orElseThrow(() -> new NotEntitledException("Your account is not active."));
        return requireEntitled(user.userId(), user.groupIds(), appId, accountId, roleName);
    }

    public EntitledRole requireEntitled(String userId, Collection<String> groupIds, String appId, String accountId, String roleName) {
        App app = apps.findRecent(appId);
        if (!(app.template() instanceof AwsAccountCatalogTemplate) || accountId == null || roleName == null) {
            throw new NotEntitledException("You are not entitled to that AWS account and role.");
        }
        return store.entitledPair(userId, groupIds, appId, accountId, CatalogInputRules.normalize(roleName))
                .map(p -> new EntitledRole(app, p.account(), p.role()))
                .orElseThrow(() -> new NotEntitledException("You are not entitled to role " + roleName + " in account "
                        + accountId + ". Ask your administrator for access."));
    }

    /** Notes a launch, so the portal lists the user's recently used roles first (stored behind the launch). */
    public void recordUse(String userId, EntitledRole pair) {
        recent.note(userId, pair.app().id(), pair.account().accountId(), pair.role().roleName());
    }

    /** When the user last launched each pair, keyed by {@link #useKey}. */
    public Map<String, Instant> recentUses(String userId) {
        return recent.of(userId);
    }

    /** Stores the launches noted on this node since the last call: the node's flusher calls it every second. */
    public int flushRecentUses() {
        return recent.flush();
    }

    public static String useKey(EntitledRole pair) {
        return pair.app().id() + " " + pair.account().accountId() + " " + pair.role().roleName();
    }

    /** The trust policy the role needs in its account (see {@link CatalogTrustPolicy}). */
    public String trustPolicy(String appId, CatalogAccount account) {
        return CatalogTrustPolicy.of(account, apps.mappings(appId));
    }

    @Override
    public void deleted(Directory.Kind kind, String principalId) {
        if (kind == Directory.Kind.USER) {
            recent.forgetUser(principalId);
        }
        store.deletePrincipal(kind == Directory.Kind.USER ? Assignments.PrincipalType.USER : Assignments.PrincipalType.GROUP, principalId);
    }

    private void requireAccount(String appId, String accountId) {
        if (accountId == null || store.account(appId, accountId).isEmpty()) {
            throw new NoSuchElementException("Account " + accountId + " is not in this catalog.");
        }
    }

    private static void refuseIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidAppException(problems);
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
