package dev.gatehouse.directory;

import dev.gatehouse.audit.AuditLog;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every change to users and groups, whoever asks for it (SCIM, admin pages, the command line): validate, store,
 * end the sessions of users who lose access, and write an audit event with the before and after state (never a
 * password or hash). Thread-safe.
 */
public final class Directory {
    /** What kind of principal was deleted. */
    public enum Kind { USER, GROUP }

    /** Told after a user or group is deleted, so features holding references (assignments) can drop them. */
    @FunctionalInterface
    public interface DeletionListener {
        void deleted(Kind kind, String id);
    }

    private final UserStore users;
    private final GroupStore groups;
    private final PasswordHasher hasher;
    private final AccessRevocation revocation;
    private final AuditLog audit;
    private final List<DeletionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<UsersChangedListener> changeListeners = new CopyOnWriteArrayList<>();

    /**
     * Told after users changed in a way an application may care about (their fields, active state, groups, or
     * their deletion), so features that copy users elsewhere (SCIM push) can follow. Called after the change is
     * stored, on the thread that made it; must not throw.
     */
    @FunctionalInterface
    public interface UsersChangedListener {
        void usersChanged(Collection<String> userIds);
    }

    public Directory(UserStore users, GroupStore groups, PasswordHasher hasher, AccessRevocation revocation,
                     AuditLog audit) {
        this.users = users;
        this.groups = groups;
        this.hasher = hasher;
        this.revocation = revocation;
        this.audit = audit;
    }

    public void onDeleted(DeletionListener listener) {
        listeners.add(listener);
    }

    public void onUsersChanged(UsersChangedListener listener) {
        changeListeners.add(listener);
    }

    private void changed(Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            changeListeners.forEach(listener -> listener.usersChanged(List.copyOf(userIds)));
        }
    }


    public UserStore users() {
        return users;
    }

    public GroupStore groups() {
        return groups;
    }

    /** Creates a user; {@code password} may be {@code null} for a user who signs in only after one is set. */
    public User createUser(String actor, UserDraft draft, String password) {
        return createUser(actor, draft, password, null);
    }

    /** Like {@link #createUser(String, UserDraft, String)}, with a provisioning client's {@code externalId} (or {@code null}). */
    public User createUser(String actor, UserDraft draft, String password, String externalId) {
        DirectoryRules.check(draft, password);
        DirectoryRules.checkExternalId(externalId);
        User created = users.create(draft, password == null ? null : hasher.hash(password), externalId);
        audit.recordChange(actor, "USER_CREATED", created.id(), null, DirectoryStates.describe(created));
        return created;
    }

    /**
     * Creates a user that an identity source ({@code ldap}) brought in, without a password (the source checks it),
     * marked with the source and its id there; audited with both.
     */
    public User createSourcedUser(String actor, UserDraft draft, String source, String sourceRef) {
        DirectoryRules.check(draft, null);
        User created = users.create(draft, null);
        users.markSource(created.id(), source, sourceRef);
        Map<String, Object> after = DirectoryStates.describe(created);
        after.put("source", source);
        after.put("sourceRef", sourceRef);
        audit.recordChange(actor, "USER_CREATED", created.id(), null, after);
        return created;
    }

    /** {@link #replaceUser(String, String, UserDraft, String, Integer, String)} from no session (a token, a test). */
    public User replaceUser(String actor, String id, UserDraft draft, String newPassword, Integer expectedVersion) {
        return replaceUser(actor, id, draft, newPassword, expectedVersion, null);
    }

    /**
     * Replaces a user's editable fields, and the password when {@code newPassword} is not {@code null}.
     * Deactivating a user ends all of their sessions at once; a new password ends all of them but
     * {@code callerSessionId}, the session asking for the change, when it is that user's own. A change that
     * changes nothing (a provisioning client re-sending what is stored) writes nothing, keeps the version and
     * leaves no audit entry; a stale {@code expectedVersion} is still refused.
     */
    public User replaceUser(String actor, String id, UserDraft draft, String newPassword, Integer expectedVersion,
                            String callerSessionId) {
        String externalId = users.find(id).map(User::externalId).orElse(null);
        return replaceUser(actor, id, draft, newPassword, expectedVersion, callerSessionId, externalId);
    }

    /** Like {@link #replaceUser(String, String, UserDraft, String, Integer, String)}, setting the user's {@code externalId} too. */
    public User replaceUser(String actor, String id, UserDraft draft, String newPassword, Integer expectedVersion,
                            String callerSessionId, String externalId) {
        DirectoryRules.check(draft, newPassword);
        DirectoryRules.checkExternalId(externalId);
        User before = users.find(id).orElseThrow(() -> UserStore.notFound(id));
        requireOwnUser(id);
        return replace(actor, before, draft, newPassword, expectedVersion, callerSessionId, externalId);
    }

    private User replace(String actor, User before, UserDraft draft, String newPassword, Integer expectedVersion,
                         String callerSessionId, String externalId) {
        String id = before.id();
        if (newPassword == null && before.draft().equals(draft) && Objects.equals(before.externalId(), externalId)) {
            return unchanged(before, before.version(), expectedVersion);
        }
        String hash = newPassword == null ? null : hasher.hash(newPassword);
        User after = users.replace(id, draft, expectedVersion, hash, externalId);
        if (before.active() && !after.active()) {
            revocation.revokeAll(id);
        } else if (hash != null) {
            // Whoever knew the old password, in whatever session, must sign in with the new one.
            revocation.revokeAllExcept(id, callerSessionId);
        }
        Map<String, Object> afterState = DirectoryStates.describe(after);
        if (hash != null) {
            afterState.put("passwordChanged", true);
        }
        audit.recordChange(actor, after.active() == before.active() ? "USER_UPDATED" : after.active() ? "USER_ACTIVATED" : "USER_DEACTIVATED",
                id, DirectoryStates.describe(before), afterState);
        changed(List.of(id));
        return after;
    }

    public void setPassword(String actor, String id, String password) {
        DirectoryRules.checkPassword(password);
        users.find(id).orElseThrow(() -> UserStore.notFound(id));
        requireOwnUser(id);
        users.setPasswordHash(id, hasher.hash(password));
        revocation.revokeAll(id);
        audit.record(actor, "USER_PASSWORD_SET", id, null);
    }

    /** Deletes a user, ends their sessions and tells the listeners. */
    public void deleteUser(String actor, String id) {
        User before = users.find(id).orElseThrow(() -> UserStore.notFound(id));
        requireOwnUser(id);
        users.delete(id);
        revocation.revokeAll(id);
        listeners.forEach(listener -> listener.deleted(Kind.USER, id));
        audit.recordChange(actor, "USER_DELETED", id, DirectoryStates.describe(before), null);
        changed(List.of(id));
    }

    public Group createGroup(String actor, String displayName, Collection<String> memberIds) {
        return createGroup(actor, displayName, memberIds, null);
    }

    public Group createGroup(String actor, String displayName, Collection<String> memberIds, String externalId) {
        DirectoryRules.checkGroupName(displayName);
        DirectoryRules.checkExternalId(externalId);
        Group created = groups.create(displayName, memberIds, externalId);
        audit.recordChange(actor, "GROUP_CREATED", created.id(), null, DirectoryStates.describe(created));
        return created;
    }

    public Group replaceGroup(String actor, String id, String displayName, Collection<String> memberIds,
                              Integer expectedVersion) {
        String externalId = groups.find(id).map(Group::externalId).orElse(null);
        return replaceGroup(actor, id, displayName, memberIds, expectedVersion, externalId);
    }

    /** Replaces a group's name, members and {@code externalId}; a change that changes nothing writes nothing. */
    public Group replaceGroup(String actor, String id, String displayName, Collection<String> memberIds,
                              Integer expectedVersion, String externalId) {
        DirectoryRules.checkGroupName(displayName);
        DirectoryRules.checkExternalId(externalId);
        Group before = groups.find(id).orElseThrow(() -> GroupStore.notFound(id));
        requireOwnGroup(id);
        if (before.displayName().equals(displayName) && Set.copyOf(before.memberIds()).equals(Set.copyOf(memberIds))
                && Objects.equals(before.externalId(), externalId)) {
            return unchanged(before, before.version(), expectedVersion);
        }
        Group after = groups.replace(id, displayName, memberIds, expectedVersion, externalId);
        audit.recordChange(actor, "GROUP_UPDATED", id, DirectoryStates.describe(before), DirectoryStates.describe(after));
        changed(DirectoryStates.movedMembers(before.memberIds(), after.memberIds()));
        return after;
    }

    public void deleteGroup(String actor, String id) {
        Group before = groups.find(id).orElseThrow(() -> GroupStore.notFound(id));
        requireOwnGroup(id);
        groups.delete(id);
        listeners.forEach(listener -> listener.deleted(Kind.GROUP, id));
        audit.recordChange(actor, "GROUP_DELETED", id, DirectoryStates.describe(before), null);
        changed(before.memberIds());
    }

    /**
     * Updates a user that an identity source brought in, as that source says it is now (the source's sync only:
     * {@link #replaceUser} refuses such users). Deactivating ends the user's sessions; audited like any change.
     */
    public User updateSourcedUser(String actor, String id, UserDraft draft) {
        DirectoryRules.check(draft, null);
        User before = users.find(id).orElseThrow(() -> UserStore.notFound(id));
        return replace(actor, before, draft, null, null, null, before.externalId());
    }

    /** Creates a group that an identity source brought in, marked with the source and its id there; audited. */
    public Group createSourcedGroup(String actor, String displayName, Collection<String> memberIds, String source,
                                    String sourceRef) {
        DirectoryRules.checkGroupName(displayName);
        Group created = groups.create(displayName, memberIds);
        groups.markSource(created.id(), source, sourceRef);
        Map<String, Object> after = DirectoryStates.describe(created);
        after.put("source", source);
        after.put("sourceRef", sourceRef);
        audit.recordChange(actor, "GROUP_CREATED", created.id(), null, after);
        return created;
    }

    /** Sets a sourced group's name and members as its source says (the source's sync only); audited when changed. */
    public Group updateSourcedGroup(String actor, String id, String displayName, Collection<String> memberIds) {
        DirectoryRules.checkGroupName(displayName);
        Group before = groups.find(id).orElseThrow(() -> GroupStore.notFound(id));
        if (before.displayName().equals(displayName) && new HashSet<>(before.memberIds()).equals(new HashSet<>(memberIds))) {
            return before;
        }
        Group after = groups.replace(id, displayName, memberIds, null, before.externalId());
        audit.recordChange(actor, "GROUP_UPDATED", id, DirectoryStates.describe(before), DirectoryStates.describe(after));
        changed(DirectoryStates.movedMembers(before.memberIds(), after.memberIds()));
        return after;
    }

    private void requireOwnUser(String id) {
        users.sourceOf(id).ifPresent(source -> {
            throw DirectoryException.of(DirectoryException.Code.READ_ONLY, null,
                    "This user comes from " + source.toUpperCase(Locale.ROOT) + " and is read-only here; change it in that directory.");
        });
    }

    private void requireOwnGroup(String id) {
        groups.sourceOf(id).ifPresent(source -> {
            throw DirectoryException.of(DirectoryException.Code.READ_ONLY, null,
                    "This group comes from " + source.toUpperCase(Locale.ROOT) + " and is read-only here; change it in that directory.");
        });
    }

    /** A change that changes nothing: refused only when the caller read an older version, else the stored state. */
    private static <T> T unchanged(T current, int version, Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw DirectoryException.of(DirectoryException.Code.VERSION_MISMATCH, null,
                    "The resource has changed since version " + expectedVersion + "; read it again.");
        }
        return current;
    }
}
