package dev.gatehouse.admin;

import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.directory.ListQuery;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.directory.Enterprise;
import dev.gatehouse.signin.FactorAdministration;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The admin console's user pages: list, create, edit (with password and admin flag), deactivate, delete. */
public final class UsersAdminHandlers {
    private static final Map<String, String> NOTICES = Map.of(
            "created", "User created.",
            "saved", "Changes saved.",
            "activated", "User activated.",
            "deactivated", "User deactivated; their sessions have ended.",
            "deleted", "User deleted.",
            "factors-reset", "Sign-in factors removed; the user's sessions have ended. They sign in with their password and can enrol again.");
    /** How the list and the user page name each factor. */
    private static final Map<String, String> FACTOR_LABELS = Map.of(
            "totp", "Authenticator app", "recovery-code", "Recovery codes", "passkey", "Passkey");

    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final Directory directory;
    private final FactorAdministration factors;

    public UsersAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, Directory directory,
                              FactorAdministration factors) {
        this.factors = factors;
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.directory = directory;
    }

    public void list(Context ctx) {
        String me = WebSecurity.requirePrincipal(ctx).userId();
        Map<String, List<String>> byUser = factors.factorsByUser();
        java.util.Set<String> fromLdap = java.util.Set.copyOf(directory.users().idsByExternalId("ldap").values());
        List<UserListPage.Row> rows = directory.users().list(ListQuery.all()).items().stream()
                .map(u -> new UserListPage.Row(u.id(), u.userName(), u.displayName(), u.email(), u.active(), u.admin(),
                        u.id().equals(me), labels(byUser.getOrDefault(u.id(), List.of())), fromLdap.contains(u.id())))
                .toList();
        views.html(ctx, "admin/users/list.jte", new UserListPage(chrome.of(ctx), security.csrfToken(ctx), rows,
                notice(ctx)));
    }

    public void newForm(Context ctx) {
        show(ctx, 200, null, new UserFormPage.Fields("", "", "", "", "", true, false, "", "", "", "", "", "", ""), List.of(), null);
    }

    public void create(Context ctx) {
        UserFormPage.Fields fields = fields(ctx);
        try {
            User user = directory.createUser(WebSecurity.actor(ctx), draft(fields, null), blankToNull(ctx.formParam("password")));
            ctx.redirect("/admin/users/" + user.id() + "?done=created", HttpStatus.SEE_OTHER);
        } catch (DirectoryException e) {
            show(ctx, e.code().status() == 409 ? 409 : 400, null, fields, e.messages(), null);
        }
    }

    public void edit(Context ctx) {
        User user = user(ctx);
        show(ctx, 200, user.id(), fieldsOf(user), List.of(), notice(ctx));
    }

    public void save(Context ctx) {
        User user = user(ctx);
        UserFormPage.Fields fields = fields(ctx);
        try {
            keepOwnAccess(ctx, user, fields.active() && fields.admin());
            directory.replaceUser(WebSecurity.actor(ctx), user.id(), draft(fields, user), blankToNull(ctx.formParam("password")), null,
                    WebSecurity.requirePrincipal(ctx).sessionId());
            ctx.redirect("/admin/users/" + user.id() + "?done=saved", HttpStatus.SEE_OTHER);
        } catch (DirectoryException e) {
            show(ctx, e.code().status() == 409 ? 409 : 400, user.id(), fields, e.messages(), null);
        }
    }

    /** Activates or deactivates from the list ({@code active=true|false}). */
    public void setActive(Context ctx) {
        User user = user(ctx);
        boolean active = "true".equals(ctx.formParam("active"));
        try {
            keepOwnAccess(ctx, user, active);
            directory.replaceUser(WebSecurity.actor(ctx), user.id(), user.draft().withActive(active), null, null);
        } catch (DirectoryException e) {
            throw new HttpError(e.code() == DirectoryException.Code.READ_ONLY ? 409 : 400, e.getMessage());
        }
        ctx.redirect("/admin/users?done=" + (active ? "activated" : "deactivated"), HttpStatus.SEE_OTHER);
    }

    public void delete(Context ctx) {
        User user = user(ctx);
        try {
            keepOwnAccess(ctx, user, false);
            directory.deleteUser(WebSecurity.actor(ctx), user.id());
        } catch (DirectoryException e) {
            // A user from LDAP is read-only here (409); one's own account cannot be deleted (400).
            throw new HttpError(e.code() == DirectoryException.Code.READ_ONLY ? 409 : 400, e.getMessage());
        }
        ctx.redirect("/admin/users?done=deleted", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, String id, UserFormPage.Fields fields, List<String> errors, String notice) {
        views.html(ctx, status, "admin/users/form.jte",
                new UserFormPage(chrome.of(ctx), security.csrfToken(ctx), id, fields, errors, notice,
                        id != null && id.equals(WebSecurity.requirePrincipal(ctx).userId()),
                        id == null ? "" : labels(factors.factorsOf(id))));
    }

    /** POST /admin/users/{id}/factors/reset: removes every second factor and passkey, and ends the sessions. */
    public void resetFactors(Context ctx) {
        User user = user(ctx);
        if (user.id().equals(WebSecurity.requirePrincipal(ctx).userId())) {
            throw new HttpError(409, "Manage your own factors on your account pages; another administrator can reset them.");
        }
        factors.reset(WebSecurity.actor(ctx), user.id());
        ctx.redirect("/admin/users/" + user.id() + "?done=factors-reset", HttpStatus.SEE_OTHER);
    }

    private static String labels(List<String> names) {
        return names.isEmpty() ? "Password only" : String.join(", ", names.stream().map(n -> FACTOR_LABELS.getOrDefault(n, n)).toList());
    }

    /** An administrator cannot lock themselves out; another administrator has to do it. */
    private static void keepOwnAccess(Context ctx, User user, boolean keepsAdminAccess) {
        Principal me = WebSecurity.requirePrincipal(ctx);
        if (user.id().equals(me.userId()) && !keepsAdminAccess) {
            throw DirectoryException.of(DirectoryException.Code.INVALID_VALUE, null,
                    "You cannot deactivate, demote or delete your own account; ask another administrator.");
        }
    }

    private User user(Context ctx) {
        String id = ctx.pathParam("id");
        return directory.users().find(id).orElseThrow(() -> HttpError.notFound("There is no user with id " + id + "."));
    }

    private static UserFormPage.Fields fields(Context ctx) {
        return new UserFormPage.Fields(text(ctx, "userName"), text(ctx, "email"), text(ctx, "givenName"),
                text(ctx, "familyName"), text(ctx, "displayName"), "true".equals(ctx.formParam("active")),
                "true".equals(ctx.formParam("admin")), text(ctx, "locale"), text(ctx, "employeeNumber"),
                text(ctx, "costCenter"), text(ctx, "organization"), text(ctx, "division"), text(ctx, "department"),
                text(ctx, "manager"));
    }

    private UserFormPage.Fields fieldsOf(User u) {
        Enterprise e = u.enterprise();
        String manager = e.managerId() == null ? "" : directory.users().find(e.managerId()).map(User::userName).orElse(e.managerId());
        return new UserFormPage.Fields(u.userName(), orEmpty(u.email()), orEmpty(u.givenName()), orEmpty(u.familyName()),
                orEmpty(u.displayName()), u.active(), u.admin(), orEmpty(u.locale()), orEmpty(e.employeeNumber()),
                orEmpty(e.costCenter()), orEmpty(e.organization()), orEmpty(e.division()), orEmpty(e.department()), manager);
    }

    /** The draft the form asks for; {@code current} is the user being edited ({@code null} when creating). */
    private UserDraft draft(UserFormPage.Fields f, User current) {
        Enterprise enterprise = new Enterprise(blankToNull(f.employeeNumber()), blankToNull(f.costCenter()),
                blankToNull(f.organization()), blankToNull(f.division()), blankToNull(f.department()),
                managerId(f.manager(), current));
        return new UserDraft(f.userName(), blankToNull(f.email()), blankToNull(f.givenName()), blankToNull(f.familyName()),
                blankToNull(f.displayName()), f.active(), f.admin(), blankToNull(f.locale()), enterprise);
    }

    /** The manager's id from the user name typed; an id a provisioning client set, shown as is, is kept. */
    private String managerId(String typed, User current) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (current != null && typed.equals(current.enterprise().managerId())) {
            return typed;
        }
        return directory.users().findByUserName(typed).map(User::id).orElseThrow(() -> DirectoryException.of(
                DirectoryException.Code.INVALID_VALUE, "manager", "There is no user named \"" + typed + "\" to be the manager."));
    }



    private static String text(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The message for the {@code done} code a redirect after a change carries; free text is never reflected. */
    private static String notice(Context ctx) {
        String done = ctx.queryParam("done");
        return done == null ? null : NOTICES.get(done);
    }
}
