package dev.gatehouse.admin;

import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.ListQuery;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin console's group pages: list and create, rename, add and remove members, delete. */
public final class GroupsAdminHandlers {
    private static final Map<String, String> NOTICES = Map.of(
            "created", "Group created.",
            "renamed", "Group renamed.",
            "added", "Member added.",
            "removed", "Member removed.",
            "deleted", "Group deleted.");

    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final Directory directory;

    public GroupsAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, Directory directory) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.directory = directory;
    }

    public void list(Context ctx) {
        showList(ctx, 200, "", List.of(), notice(ctx));
    }

    public void create(Context ctx) {
        String name = text(ctx, "displayName");
        try {
            Group group = directory.createGroup(WebSecurity.actor(ctx), name, List.of());
            ctx.redirect("/admin/groups/" + group.id() + "?done=created", HttpStatus.SEE_OTHER);
        } catch (DirectoryException e) {
            showList(ctx, e.code().status() == 409 ? 409 : 400, name, e.messages(), null);
        }
    }

    public void edit(Context ctx) {
        Group group = group(ctx);
        showEdit(ctx, 200, group, group.displayName(), List.of(), notice(ctx));
    }

    public void rename(Context ctx) {
        Group group = group(ctx);
        String name = text(ctx, "displayName");
        change(ctx, group, name, group.memberIds(), "renamed");
    }

    public void addMember(Context ctx) {
        Group group = group(ctx);
        List<String> members = new ArrayList<>(group.memberIds());
        String userId = text(ctx, "userId");
        if (userId.isEmpty()) {
            showEdit(ctx, 400, group, group.displayName(), List.of("Choose a user to add."), null);
            return;
        }
        if (!members.contains(userId)) {
            members.add(userId);
        }
        change(ctx, group, group.displayName(), members, "added");
    }

    public void removeMember(Context ctx) {
        Group group = group(ctx);
        List<String> members = new ArrayList<>(group.memberIds());
        if (!members.remove(text(ctx, "userId"))) {
            showEdit(ctx, 400, group, group.displayName(), List.of("That user is not a member of this group."), null);
            return;
        }
        change(ctx, group, group.displayName(), members, "removed");
    }

    public void delete(Context ctx) {
        Group group = group(ctx);
        try {
            directory.deleteGroup(WebSecurity.actor(ctx), group.id());
        } catch (DirectoryException e) {
            throw new HttpError(e.code().status(), e.getMessage()); // a group from LDAP is read-only here: 409
        }
        ctx.redirect("/admin/groups?done=deleted", HttpStatus.SEE_OTHER);
    }

    private void change(Context ctx, Group group, String name, List<String> members, String done) {
        try {
            directory.replaceGroup(WebSecurity.actor(ctx), group.id(), name, members, group.version());
            ctx.redirect("/admin/groups/" + group.id() + "?done=" + done, HttpStatus.SEE_OTHER);
        } catch (DirectoryException e) {
            showEdit(ctx, e.code().status() == 409 ? 409 : 400, group, name, e.messages(), null);
        }
    }

    private void showList(Context ctx, int status, String newName, List<String> errors, String notice) {
        java.util.Set<String> fromLdap = java.util.Set.copyOf(directory.groups().idsByExternalId("ldap").values());
        List<GroupListPage.Row> rows = directory.groups().list(ListQuery.all()).items().stream()
                .map(g -> new GroupListPage.Row(g.id(), g.displayName(), g.members().size(), fromLdap.contains(g.id()))).toList();
        views.html(ctx, status, "admin/groups/list.jte",
                new GroupListPage(chrome.of(ctx), security.csrfToken(ctx), rows, newName, errors, notice));
    }

    private void showEdit(Context ctx, int status, Group group, String name, List<String> errors, String notice) {
        Set<String> memberIds = Set.copyOf(group.memberIds());
        List<GroupEditPage.Person> members = group.members().stream()
                .map(m -> new GroupEditPage.Person(m.userId(), m.userName())).toList();
        List<GroupEditPage.Person> candidates = directory.users().list(ListQuery.all()).items().stream()
                .filter(u -> !memberIds.contains(u.id()))
                .map(u -> new GroupEditPage.Person(u.id(), u.userName() + (u.email() == null ? "" : " (" + u.email() + ")")))
                .toList();
        views.html(ctx, status, "admin/groups/edit.jte", new GroupEditPage(chrome.of(ctx), security.csrfToken(ctx),
                group.id(), name, members, candidates, errors, notice));
    }

    private Group group(Context ctx) {
        String id = ctx.pathParam("id");
        return directory.groups().find(id).orElseThrow(() -> HttpError.notFound("There is no group with id " + id + "."));
    }

    private static String text(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }

    /** The message for the {@code done} code a redirect after a change carries; free text is never reflected. */
    private static String notice(Context ctx) {
        String done = ctx.queryParam("done");
        return done == null ? null : NOTICES.get(done);
    }
}
