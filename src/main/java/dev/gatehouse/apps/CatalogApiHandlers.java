package dev.gatehouse.apps;

import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API of "AWS accounts" instances: accounts ({@code PUT/GET/DELETE /api/apps/{id}/accounts...}), their
 * roles, with each role's generated trust policy, and entitlements ({@code POST/GET/DELETE /api/apps/{id}/entitlements}).
 * Administrators only. Refusals are 4xx naming the field; nothing changes.
 */
public final class CatalogApiHandlers {
    /** An entitlement as the API takes and shows it. */
    public record EntitlementBody(String principalType, String principalId, String accountId, String roleName) {
    }

    private final AwsCatalog catalog;

    public CatalogApiHandlers(AwsCatalog catalog) {
        this.catalog = catalog;
    }

    /** GET /api/apps/{id}/accounts. */
    public void accounts(Context ctx) {
        ctx.json(catalog.accounts(ctx.pathParam("id")).stream().map(CatalogApiHandlers::account).toList());
    }

    /** PUT /api/apps/{id}/accounts/{accountId}: 201 when new, 200 when replaced. */
    public void putAccount(Context ctx) {
        String id = ctx.pathParam("id");
        catalog.catalog(id);
        AwsCatalog.AccountInput in = ApiBodies.object(ctx.body(), AwsCatalog.AccountInput.class);
        String accountId = ctx.pathParam("accountId");
        boolean created = catalog.putAccount(WebSecurity.actor(ctx), id, accountId, in);
        CatalogAccount saved = catalog.accounts(id).stream().filter(a -> a.accountId().equals(accountId)).findFirst().orElseThrow();
        ctx.status(created ? 201 : 200).json(account(saved));
    }

    /** DELETE /api/apps/{id}/accounts/{accountId}: its roles and their entitlements go with it. */
    public void deleteAccount(Context ctx) {
        if (!catalog.deleteAccount(WebSecurity.actor(ctx), ctx.pathParam("id"), ctx.pathParam("accountId"))) {
            throw HttpError.notFound("Account " + ctx.pathParam("accountId") + " is not in this catalog.");
        }
        ctx.status(204);
    }

    /** GET /api/apps/{id}/accounts/{accountId}/roles, each with the trust policy it needs. */
    public void roles(Context ctx) {
        String id = ctx.pathParam("id");
        String accountId = ctx.pathParam("accountId");
        List<CatalogRole> roles = catalog.roles(id, accountId);
        CatalogAccount account = catalog.accounts(id).stream().filter(a -> a.accountId().equals(accountId)).findFirst().orElseThrow();
        String policy = catalog.trustPolicy(id, account);
        ctx.json(roles.stream().map(r -> role(account, r, policy)).toList());
    }

    /** PUT /api/apps/{id}/accounts/{accountId}/roles/{roleName}: 201 when new, 200 when replaced. */
    public void putRole(Context ctx) {
        String id = ctx.pathParam("id");
        String accountId = ctx.pathParam("accountId");
        String roleName = ctx.pathParam("roleName");
        catalog.roles(id, accountId); // 404 for an unknown instance or account before the body is read
        AwsCatalog.RoleInput in = ApiBodies.object(ctx.body(), AwsCatalog.RoleInput.class);
        boolean created = catalog.putRole(WebSecurity.actor(ctx), id, accountId, roleName, in);
        CatalogAccount account = catalog.accounts(id).stream().filter(a -> a.accountId().equals(accountId)).findFirst().orElseThrow();
        String stored = roleName.startsWith("/") ? roleName.substring(1) : roleName;
        CatalogRole saved = catalog.roles(id, accountId).stream().filter(r -> r.roleName().equals(stored)).findFirst().orElseThrow();
        ctx.status(created ? 201 : 200).json(role(account, saved, catalog.trustPolicy(id, account)));
    }

    /** DELETE /api/apps/{id}/accounts/{accountId}/roles/{roleName}: its entitlements go with it. */
    public void deleteRole(Context ctx) {
        if (!catalog.deleteRole(WebSecurity.actor(ctx), ctx.pathParam("id"), ctx.pathParam("accountId"), ctx.pathParam("roleName"))) {
            throw HttpError.notFound("Role " + ctx.pathParam("roleName") + " is not in the catalog for account "
                    + ctx.pathParam("accountId") + ".");
        }
        ctx.status(204);
    }

    /** GET /api/apps/{id}/entitlements. */
    public void entitlements(Context ctx) {
        ctx.json(catalog.entitlements(ctx.pathParam("id")).stream().map(e -> new EntitlementBody(e.principalType().name(),
                e.principalId(), e.accountId(), e.roleName())).toList());
    }

    /** POST /api/apps/{id}/entitlements: 201 when new, 200 when it existed. */
    public void entitle(Context ctx) {
        String id = ctx.pathParam("id");
        catalog.catalog(id);
        Entitlement e = entitlement(id, ApiBodies.object(ctx.body(), EntitlementBody.class));
        boolean created = catalog.entitle(WebSecurity.actor(ctx), e);
        ctx.status(created ? 201 : 200).json(new EntitlementBody(e.principalType().name(), e.principalId(), e.accountId(),
                e.roleName().startsWith("/") ? e.roleName().substring(1) : e.roleName()));
    }

    /** DELETE /api/apps/{id}/entitlements with the same JSON body as the POST that made it. */
    public void removeEntitlement(Context ctx) {
        String id = ctx.pathParam("id");
        catalog.catalog(id);
        Entitlement e = entitlement(id, ApiBodies.object(ctx.body(), EntitlementBody.class));
        if (!catalog.removeEntitlement(WebSecurity.actor(ctx), e)) {
            throw HttpError.notFound("No such entitlement in this catalog.");
        }
        ctx.status(204);
    }

    private static Entitlement entitlement(String appId, EntitlementBody b) {
        Assignments.PrincipalType type;
        if ("USER".equals(b.principalType())) {
            type = Assignments.PrincipalType.USER;
        } else if ("GROUP".equals(b.principalType())) {
            type = Assignments.PrincipalType.GROUP;
        } else {
            throw HttpError.badRequest("principalType must be USER or GROUP.");
        }
        for (Map.Entry<String, String> field : Map.of("principalId", nz(b.principalId()), "accountId", nz(b.accountId()),
                "roleName", nz(b.roleName())).entrySet()) {
            if (field.getValue().isBlank() || field.getValue().length() > 600) {
                throw HttpError.badRequest(field.getKey() + " is required.");
            }
        }
        return new Entitlement(appId, type, b.principalId(), b.accountId(), b.roleName());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, Object> account(CatalogAccount a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", a.accountId());
        out.put("displayName", a.displayName());
        out.put("samlProviderName", a.samlProviderName());
        out.put("samlProviderArn", a.providerArn());
        out.put("signInUrl", a.signInUrl());
        out.put("stsEndpoint", a.stsEndpoint());
        return out;
    }

    private static Map<String, Object> role(CatalogAccount account, CatalogRole r, String trustPolicy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", r.accountId());
        out.put("roleName", r.roleName());
        out.put("roleArn", account.roleArn(r.roleName()));
        out.put("description", r.description());
        out.put("sessionDurationSeconds", r.sessionDurationSeconds());
        out.put("relayState", r.relayState());
        out.put("trustPolicy", trustPolicy);
        return out;
    }
}
