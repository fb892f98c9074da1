package dev.gatehouse.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.Group;
import dev.gatehouse.directory.User;
import dev.gatehouse.ids.RandomIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SCIM push to applications. Follows assignments and directory changes by writing rows to the {@link PushQueue}
 * (never calling out on the admin's request), and runs due rows: each brings one user up to date at one
 * application from the state it reads when it runs (so a row is idempotent and a late row never undoes a newer
 * change). A user who is active and assigned (directly or through a group) is created there, matched first by
 * {@code userName}, or replaced (PUT) with what the directory holds; one who is not is deactivated there
 * ({@code active: false} by PATCH), never deleted. Every attempt is audited, failures included. Thread-safe.
 */
public final class ScimPush implements Directory.UsersChangedListener, Assignments.ChangeListener {
    static final String ACTOR = "scim-push";
    private static final Logger log = LoggerFactory.getLogger(ScimPush.class);
    private static final int BATCH = 20;

    private final PushTargets targets;
    private final PushQueue queue;
    private final PushAccounts accounts;
    private final Directory directory;
    private final Assignments assignments;
    private final AuditLog audit;
    private final ScimPushClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final String node;
    private final PushSweep sweep;

    public ScimPush(PushTargets targets, PushQueue queue, Directory directory, Assignments assignments, AuditLog audit,
                    java.time.Clock clock, RandomIds ids, org.jdbi.v3.core.Jdbi jdbi) {
        this.targets = targets;
        this.queue = queue;
        this.accounts = new PushAccounts(jdbi, clock);
        this.directory = directory;
        this.assignments = assignments;
        this.audit = audit;
        this.client = new ScimPushClient(json, Duration.ofSeconds(5), Duration.ofSeconds(15));
        this.node = "node-" + ids.hex(8);
        this.sweep = new PushSweep(targets, queue, accounts, directory, assignments, clock, PushSweep.DEFAULT_INTERVAL);
    }

    /** Queues a push for each user of {@code appId} whose state at the target may be behind; see {@link PushSweep}. */
    public int sweep(String appId) {
        return sweep.sweep(appId);
    }

    public PushTargets targets() {
        return targets;
    }

    public PushQueue queue() {
        return queue;
    }

    @Override
    public void assignmentChanged(String appId, Assignments.PrincipalType type, String principalId) {
        guarded(() -> {
            if (!targets.has(appId)) {
                return;
            }
            if (type == Assignments.PrincipalType.USER) {
                enqueue(appId, principalId, "ASSIGNMENT");
            } else {
                directory.groups().find(principalId).map(Group::memberIds).orElse(List.of())
                        .forEach(userId -> enqueue(appId, userId, "GROUP_ASSIGNMENT"));
            }
        });
    }

    @Override
    public void usersChanged(Collection<String> userIds) {
        guarded(() -> {
            Set<String> pushing = targets.appIds();
            if (pushing.isEmpty()) {
                return;
            }
            for (String userId : userIds) {
                Set<String> apps = new HashSet<>(assignments.appIdsFor(userId, directory.groups().groupIdsOf(userId)));
                apps.addAll(accounts.appIdsOf(userId));
                apps.retainAll(pushing);
                apps.forEach(appId -> enqueue(appId, userId, "USER_CHANGED"));
            }
        });
    }

    /** Queues a push for every user assigned to the application now (after its target is set or changed). */
    public int enqueueAll(String appId) {
        Set<String> users = new HashSet<>();
        for (Assignments.Assignment a : assignments.of(appId)) {
            if (a.principalType() == Assignments.PrincipalType.USER) {
                users.add(a.principalId());
            } else {
                directory.groups().find(a.principalId()).ifPresent(g -> users.addAll(g.memberIds()));
            }
        }
        users.forEach(userId -> enqueue(appId, userId, "TARGET_SET"));
        return users.size();
    }

    private void enqueue(String appId, String userId, String reason) {
        String userName = directory.users().find(userId).map(User::userName)
                .orElseGet(() -> accounts.find(appId, userId).map(PushAccounts.Account::userName).orElse(null));
        queue.enqueue(appId, userId, userName, reason);
    }

    /** A listener runs on the thread of the change that was already stored: log, never undo it with an exception. */
    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("Could not queue a SCIM push; the next change of the user queues it again", e);
        }
    }

    /** Runs every due push this node can claim; returns how many ran. The scheduler and tests call it. */
    public int runDue() {
        int ran = 0;
        for (List<PushQueue.Push> batch = queue.claim(node, BATCH); !batch.isEmpty(); batch = queue.claim(node, BATCH)) {
            for (PushQueue.Push push : batch) {
                run(push);
                ran++;
            }
        }
        return ran;
    }

    /** The administrator's "Push now": failed pushes get another round, waiting ones are due now; then runs them. */
    public int retryFailedAndRunNow(String appId) {
        queue.retryFailed(appId);
        queue.dueNow(appId);
        return runDue();
    }

    /** The scheduler's entry: the hourly sweep when due, then due pushes; never lets an exception end the schedule. */
    public void tick() {
        try {
            sweep.runIfDue();
            runDue();
        } catch (RuntimeException e) {
            log.error("SCIM push round failed", e);
        }
    }

    private void run(PushQueue.Push push) {
        ObjectNode detail = json.createObjectNode().put("user", push.userName()).put("userId", push.userId())
                .put("reason", push.reason()).put("attempt", push.attempts() + 1);
        try {
            Optional<PushTargets.Target> target = targets.target(push.appId());
            String action = target.isEmpty() ? "NO_TARGET" : reconcile(target.get(), push.userId());
            queue.succeeded(push.id(), node, action, null);
            audit.record(ACTOR, "SCIM_PUSH_SUCCEEDED", push.appId(), detail.put("action", action).toString());
        } catch (ScimPushClient.PushFailure | RuntimeException e) {
            String error = e instanceof ScimPushClient.PushFailure ? e.getMessage() : "Internal error: " + e.getClass().getSimpleName();
            if (!(e instanceof ScimPushClient.PushFailure)) {
                log.error("SCIM push {} failed", push.id(), e);
            }
            PushQueue.Push after = queue.failed(push, node, error);
            detail.put("error", error).put("status", after.status());
            if (after.status().equals("PENDING")) {
                detail.put("nextAttemptAt", after.nextAttemptAt().toString());
            }
            audit.record(ACTOR, "SCIM_PUSH_FAILED", push.appId(), detail.toString());
        }
    }

    /** Brings the user up to date at the target; returns what it did. */
    private String reconcile(PushTargets.Target target, String userId) throws ScimPushClient.PushFailure {
        String appId = target.appId();
        Optional<User> user = directory.users().find(userId);
        boolean wanted = user.isPresent() && user.get().active()
                && assignments.appIdsFor(userId, directory.groups().groupIdsOf(userId)).contains(appId);
        Optional<PushAccounts.Account> account = accounts.find(appId, userId);
        if (!wanted) {
            if (account.isEmpty() || !account.get().active()) {
                return "NOTHING";
            }
            try {
                client.deactivate(target, account.get().remoteId());
            } catch (ScimPushClient.PushFailure f) {
                if (f.status != 404) {
                    throw f; // a resource already gone there is as good as deactivated
                }
            }
            PushAccounts.Account a = account.get();
            accounts.save(new PushAccounts.Account(appId, userId, a.remoteId(), a.userName(), false));
            return "DEACTIVATED";
        }
        User u = user.get();
        ObjectNode body = PushResource.of(json, u, managerId -> accounts.find(appId, managerId).map(PushAccounts.Account::remoteId));
        String remoteId = account.map(PushAccounts.Account::remoteId).orElse(null);
        String action = "UPDATED";
        if (remoteId != null) {
            try {
                client.replace(target, remoteId, body);
            } catch (ScimPushClient.PushFailure f) {
                if (f.status != 404) {
                    throw f;
                }
                remoteId = null; // deleted there by someone else: find by name or create again
            }
        }
        if (remoteId == null) {
            remoteId = client.findByUserName(target, u.userName()).orElse(null);
            if (remoteId != null) {
                client.replace(target, remoteId, body);
                action = "MATCHED";
            } else {
                remoteId = client.create(target, body);
                action = "CREATED";
            }
        }
        accounts.save(new PushAccounts.Account(appId, userId, remoteId, u.userName(), true));
        return action;
    }
}
