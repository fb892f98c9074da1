package dev.gatehouse.admin;

import dev.gatehouse.testing.Http;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupsAdminTest {
    private TestIdentityCenter ic;
    private Directory directory;
    private User pat;
    private Http admin;

    @BeforeEach
    void start() {
        ic = TestIdentityCenter.start();
        directory = ic.center().services().directory();
        directory.createUser("test", new UserDraft("root", null, null, null, null, true, true), UsersAdminTest.PASSWORD);
        pat = directory.createUser("test", new UserDraft("pat", "pat@example.com", null, null, null, true, false), null);
        admin = UsersAdminTest.adminSession(ic, "root");
    }

    @AfterEach
    void stop() {
        ic.close();
    }

    @Test
    void createGroupThenAddAndRemoveAMember() {
        admin.get("/admin/groups");
        HttpResponse<String> created = admin.post("/admin/groups", Map.of("displayName", "Engineers"));
        assertThat(created.statusCode()).isEqualTo(303);
        Group group = directory.groups().list(dev.gatehouse.directory.ListQuery.all()).items().get(0);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/admin/groups/" + group.id()));

        HttpResponse<String> page = admin.get("/admin/groups/" + group.id());
        assertThat(page.body()).contains("pat (pat@example.com)");
        assertThat(admin.post("/admin/groups/" + group.id() + "/members", Map.of("userId", pat.id())).statusCode()).isEqualTo(303);
        assertThat(directory.groups().groupIdsOf(pat.id())).containsExactly(group.id());

        admin.get("/admin/groups/" + group.id());
        assertThat(admin.post("/admin/groups/" + group.id() + "/members/remove", Map.of("userId", pat.id())).statusCode()).isEqualTo(303);
        assertThat(directory.groups().groupIdsOf(pat.id())).isEmpty();
    }

    @Test
    void createWhenNameTakenThenConflictWithFormKept() {
        directory.createGroup("test", "Ops", List.of());
        admin.get("/admin/groups");

        HttpResponse<String> response = admin.post("/admin/groups", Map.of("displayName", "ops"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("alert error").contains("value=\"ops\"");
        assertThat(directory.groups().list(dev.gatehouse.directory.ListQuery.all()).totalResults()).isEqualTo(1);
    }

    @Test
    void addMemberWithoutCsrfThenForbiddenAndNothingChanged() {
        Group group = directory.createGroup("test", "Quiet", List.of());

        HttpResponse<String> response = admin.postRaw("/admin/groups/" + group.id() + "/members", Map.of("userId", pat.id()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(directory.groups().groupIdsOf(pat.id())).isEmpty();
    }

    @Test
    void addUnknownUserThenBadRequestAndNothingChanged() {
        Group group = directory.createGroup("test", "Strict", List.of());
        admin.get("/admin/groups/" + group.id());

        HttpResponse<String> response = admin.post("/admin/groups/" + group.id() + "/members", Map.of("userId", "u-nope"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(directory.groups().find(group.id()).orElseThrow().members()).isEmpty();
    }

    @Test
    void deleteGroupRemovesIt() {
        Group group = directory.createGroup("test", "Temp", List.of(pat.id()));
        admin.get("/admin/groups/" + group.id());

        assertThat(admin.post("/admin/groups/" + group.id() + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(directory.groups().find(group.id())).isEmpty();
        assertThat(directory.users().find(pat.id())).isPresent();
    }
}
