package dev.gatehouse.admin;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AssignablePrincipals;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.CatalogAccount;
import dev.gatehouse.apps.CatalogRole;
import dev.gatehouse.apps.Entitlement;
import dev.gatehouse.apps.InvalidAppException;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console tabs of an "AWS accounts" instance: its accounts with their roles and the trust policy each role
 * needs, and who is entitled to which (account, role) pair. Every change goes through {@link AwsCatalog}.
 */
public final class CatalogAdminHandlers {
    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final AwsCatalog catalog;
    private final AssignablePrincipals principals;
    private final String baseUrl;

    public CatalogAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, AwsCatalog catalog,
                                AssignablePrincipals principals, String baseUrl) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.catalog = catalog;
        this.principals = principals;
        this.baseUrl = baseUrl;
    }

    /** GET /admin/apps/{id}/accounts. */
    public void accounts(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        showAccounts(ctx, 200, app, emptyAccountForm(), emptyRoleForm(null), List.of(), ctx.queryParam("notice"));
    }

    /** POST /admin/apps/{id}/accounts: add or replace an account. */
    public void saveAccount(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        var form = new CatalogPages.AccountsPage.AccountForm(field(ctx, "accountId"), field(ctx, "displayName"),
                field(ctx, "samlProviderName"), field(ctx, "signInUrl"), field(ctx, "stsEndpoint"));
        try {
            boolean created = catalog.putAccount(WebSecurity.actor(ctx), app.id(), form.accountId(),
                    new AwsCatalog.AccountInput(form.displayName(), form.samlProviderName(), form.signInUrl(), form.stsEndpoint()));
            done(ctx, app, "accounts", (created ? "Added account " : "Saved account ") + form.accountId() + ".");
        } catch (InvalidAppException e) {
            showAccounts(ctx, 400, app, form, emptyRoleForm(null), e.problems(), null);
        }
    }

    /** POST /admin/apps/{id}/accounts/delete. */
    public void deleteAccount(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        boolean removed = catalog.deleteAccount(WebSecurity.actor(ctx), app.id(), field(ctx, "accountId"));
        done(ctx, app, "accounts", removed ? "Removed account " + field(ctx, "accountId") + " with its roles and entitlements."
                : "That account was already gone.");
    }

    /** POST /admin/apps/{id}/roles: add or replace a role of an account. */
    public void saveRole(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        var form = new CatalogPages.AccountsPage.RoleForm(field(ctx, "accountId"), field(ctx, "roleName"),
                field(ctx, "description"), field(ctx, "sessionDurationSeconds"), field(ctx, "relayState"));
        String seconds = form.sessionDurationSeconds().isEmpty() ? "3600" : form.sessionDurationSeconds();
        try {
            if (!seconds.matches("\\d{1,6}")) {
                throw new InvalidAppException(List.of("sessionDurationSeconds must be a whole number of seconds from 900 to 43200."));
            }
            if (catalog.accounts(app.id()).stream().noneMatch(a -> a.accountId().equals(form.accountId()))) {
                throw new InvalidAppException(List.of("accountId: choose an account of this catalog for the role."));
            }
            boolean created = catalog.putRole(WebSecurity.actor(ctx), app.id(), form.accountId(), form.roleName(),
                    new AwsCatalog.RoleInput(form.description(), Integer.valueOf(seconds), form.relayState()));
            done(ctx, app, "accounts", (created ? "Added role " : "Saved role ") + form.roleName() + " to account " + form.accountId() + ".");
        } catch (InvalidAppException e) {
            showAccounts(ctx, 400, app, emptyAccountForm(), form, e.problems(), null);
        }
    }

    /** POST /admin/apps/{id}/roles/delete. */
    public void deleteRole(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        boolean removed = catalog.deleteRole(WebSecurity.actor(ctx), app.id(), field(ctx, "accountId"), field(ctx, "roleName"));
        done(ctx, app, "accounts", removed ? "Removed role " + field(ctx, "roleName") + " and its entitlements." : "That role was already gone.");
    }

    /** GET /admin/apps/{id}/entitlements. */
    public void entitlements(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        showEntitlements(ctx, 200, app, List.of(), ctx.queryParam("notice"));
    }

    /** POST /admin/apps/{id}/entitlements: principal is "USER:id" or "GROUP:id", pair is "ACCOUNT ROLE". */
    public void entitle(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        String[] principal = field(ctx, "principal").split(":", 2);
        String[] pair = field(ctx, "pair").split(" ", 2);
        if (principal.length != 2 || !principal[0].matches("USER|GROUP") || pair.length != 2) {
            showEntitlements(ctx, 400, app, List.of("Choose a user or group and an (account, role) pair."), null);
            return;
        }
        try {
            boolean created = catalog.entitle(WebSecurity.actor(ctx), new Entitlement(app.id(),
                    Assignments.PrincipalType.valueOf(principal[0]), principal[1], pair[0], pair[1]));
            done(ctx, app, "entitlements", (created ? "Entitled to " : "Already entitled to ") + pair[1] + " in " + pair[0] + ".");
        } catch (InvalidAppException e) {
            showEntitlements(ctx, 400, app, e.problems(), null);
        }
    }

    /** POST /admin/apps/{id}/entitlements/remove. */
    public void removeEntitlement(Context ctx) {
        App app = catalog.catalog(ctx.pathParam("id"));
        String type = field(ctx, "principalType");
        if (!type.matches("USER|GROUP")) {
            showEntitlements(ctx, 400, app, List.of("principalType must be USER or GROUP."), null);
            return;
        }
        catalog.removeEntitlement(WebSecurity.actor(ctx), new Entitlement(app.id(), Assignments.PrincipalType.valueOf(type),
                field(ctx, "principalId"), field(ctx, "accountId"), field(ctx, "roleName")));
        done(ctx, app, "entitlements", "Entitlement removed.");
    }

    private void showAccounts(Context ctx, int status, App app, CatalogPages.AccountsPage.AccountForm form,
                              CatalogPages.AccountsPage.RoleForm roleForm, List<String> errors, String notice) {
        Map<String, List<CatalogRole>> roles = catalog.roles(app.id(), null).stream()
                .collect(Collectors.groupingBy(CatalogRole::accountId));
        List<CatalogPages.AccountsPage.Account> accounts = catalog.accounts(app.id()).stream().map(a -> account(app, a,
                roles.getOrDefault(a.accountId(), List.of()))).toList();
        views.html(ctx, status, "admin/apps/accounts.jte", new CatalogPages.AccountsPage(chrome.of(ctx), security.csrfToken(ctx),
                AppPages.AppHeader.of(app, "accounts"), baseUrl + "/api/apps/" + app.id() + "/saml-metadata?download",
                accounts, form, roleForm, errors, notice));
    }

    private CatalogPages.AccountsPage.Account account(App app, CatalogAccount a, List<CatalogRole> roles) {
        return new CatalogPages.AccountsPage.Account(a.accountId(), a.displayName(), a.samlProviderName(), a.providerArn(),
                a.signInUrl(), a.stsEndpoint(), roles.stream().map(r -> new CatalogPages.AccountsPage.Role(r.roleName(), a.roleArn(r.roleName()),
                        r.description(), r.sessionDurationSeconds(), r.relayState(), a.accountId() + "-" + r.roleName().replaceAll("[^A-Za-z0-9_-]", "_")))
                .toList(), catalog.trustPolicy(app.id(), a));
    }

    private void showEntitlements(Context ctx, int status, App app, List<String> errors, String notice) {
        Map<String, String> labels = new java.util.HashMap<>();
        principals.users().forEach(c -> labels.put("USER:" + c.id(), c.label()));
        principals.groups().forEach(c -> labels.put("GROUP:" + c.id(), c.label()));
        Map<String, String> accountNames = catalog.accounts(app.id()).stream()
                .collect(Collectors.toMap(CatalogAccount::accountId, CatalogAccount::displayName));
        List<CatalogPages.EntitlementsPage.Row> rows = catalog.entitlements(app.id()).stream().map(e -> new CatalogPages.EntitlementsPage.Row(
                e.principalType().name(), e.principalId(), labels.getOrDefault(e.principalType() + ":" + e.principalId(), e.principalId()),
                e.accountId(), accountNames.getOrDefault(e.accountId(), ""), e.roleName())).toList();
        List<CatalogPages.EntitlementsPage.Pair> pairs = catalog.roles(app.id(), null).stream().map(r -> new CatalogPages.EntitlementsPage.Pair(
                r.accountId() + " " + r.roleName(), accountNames.getOrDefault(r.accountId(), "") + " (" + r.accountId() + ") · " + r.roleName()))
                .toList();
        views.html(ctx, status, "admin/apps/entitlements.jte", new CatalogPages.EntitlementsPage(chrome.of(ctx),
                security.csrfToken(ctx), AppPages.AppHeader.of(app, "entitlements"), rows, principals.users(), principals.groups(),
                pairs, errors, notice));
    }

    private static void done(Context ctx, App app, String tab, String notice) {
        ctx.redirect("/admin/apps/" + app.id() + "/" + tab + "?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }

    private static CatalogPages.AccountsPage.AccountForm emptyAccountForm() {
        return new CatalogPages.AccountsPage.AccountForm("", "", "", AwsCatalog.GLOBAL_SIGN_IN, "");
    }

    private static CatalogPages.AccountsPage.RoleForm emptyRoleForm(String accountId) {
        return new CatalogPages.AccountsPage.RoleForm(accountId == null ? "" : accountId, "", "", "3600", "");
    }
}
