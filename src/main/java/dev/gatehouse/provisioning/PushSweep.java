package dev.gatehouse.provisioning;

import dev.gatehouse.apps.Assignments;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The safety net under the outbox. A change's push row is written just after the change commits, so a node that
 * stops between the two loses that push; the sweep finds what may be behind at each target and queues it: assigned
 * users the target has never seen, users changed since their last push, users left active there who should not be.
 * It reads the directory, not the changes, so it repairs any lost row; a queued push reads the user's state when it
 * runs, so one too many costs a request and changes nothing. Each node sweeps once per interval. Thread-safe.
 */
final class PushSweep {
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private final PushTargets targets;
    private final PushQueue queue;
    private final PushAccounts accounts;
    private final Directory directory;
    private final Assignments assignments;
    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

    PushSweep(PushTargets targets, PushQueue queue, PushAccounts accounts, Directory directory, Assignments assignments,
              Clock clock, Duration interval) {
        this.targets = targets;
        this.queue = queue;
        this.accounts = accounts;
        this.directory = directory;
        this.assignments = assignments;
        this.clock = clock;
        this.interval = interval;
    }

    /** Sweeps every application with a target when this node's interval has passed; how many pushes it queued. */
    int runIfDue() {
        Instant now = clock.instant();
        Instant before = last.get();
        if (before.plus(interval).isAfter(now) || !last.compareAndSet(before, now)) {
            return 0;
        }
        int queued = 0;
        for (String appId : targets.appIds()) {
            queued += sweep(appId);
        }
        return queued;
    }

    /** Queues a push for each user of {@code appId} whose state at the target may be behind the directory. */
    int sweep(String appId) {
        Set<String> assigned = new HashSet<>();
        for (Assignments.Assignment a : assignments.of(appId)) {
            if (a.principalType() == Assignments.PrincipalType.USER) {
                assigned.add(a.principalId());
            } else {
                directory.groups().find(a.principalId()).ifPresent(g -> assigned.addAll(g.memberIds()));
            }
        }
        Map<String, PushAccounts.Known> known = accounts.known(appId);
        Set<String> waiting = queue.pendingUserIds(appId);
        int queued = 0;
        Set<String> everyone = new HashSet<>(assigned);
        everyone.addAll(known.keySet());
        for (String userId : everyone) {
            if (waiting.contains(userId)) {
                continue;
            }
            Optional<User> user = directory.users().find(userId);
            PushAccounts.Known there = known.get(userId);
            boolean wanted = assigned.contains(userId) && user.map(User::active).orElse(false);
            boolean behind = there == null ? wanted
                    : wanted != there.active() || (wanted && user.get().updatedAt().isAfter(there.updatedAt()));
            if (behind) {
                queue.enqueue(appId, userId, user.map(User::userName).orElse(there == null ? null : there.userName()), "SWEEP");
                queued++;
            }
        }
        return queued;
    }
}
