package dev.gatehouse.keyrotation;

import dev.gatehouse.TestData;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PostBindingPage;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Launches running without pause in a few threads, as users would during a rotation: each signs in to the portal,
 * launches the instance and hands the assertion to STS AssumeRoleWithSAML in the emulated account, and counts the
 * outcome. The test moves the clock only between launches ({@link #betweenLaunches}), so no assertion is made on
 * one side of a jump and checked on the other.
 */
final class Launches implements AutoCloseable {
    private final RotationScenario s;
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final List<String> failed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();

    Launches(RotationScenario s, int count) {
        this.s = s;
        this.threads = Executors.newFixedThreadPool(count);
        for (int i = 0; i < count; i++) {
            String user = i % 2 == 0 ? "alice" : "bob";
            running.add(threads.submit(() -> loop(user)));
        }
    }

    private void loop(String user) {
        Http tab = Http.browser(s.ic.baseUrl()).signIn(user, TestData.PASSWORD);
        while (!stop.get()) {
            gate.readLock().lock();
            try {
                once(tab);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                failed.add(e.toString());
            } finally {
                gate.readLock().unlock();
            }
        }
    }

    private void once(Http tab) {
        HttpResponse<String> launch = tab.get("/launch/" + s.app);
        if (launch.statusCode() != 200 || !PostBindingPage.hasSamlResponse(launch.body())) {
            failures.incrementAndGet();
            failed.add("launch answered " + launch.statusCode());
            return;
        }
        HttpResponse<String> sts = s.aws.postForm("Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn="
                + Http.encode(RotationScenario.ROLE_ARN) + "&PrincipalArn=" + Http.encode(RotationScenario.PROVIDER_ARN)
                + "&SAMLAssertion=" + Http.encode(PostBindingPage.samlResponse(launch.body())));
        if (sts.statusCode() == 200 && sts.body().contains("<AccessKeyId>")) {
            successes.incrementAndGet();
        } else {
            failures.incrementAndGet();
            failed.add("STS answered " + sts.statusCode() + ": " + sts.body());
        }
    }

    /** Waits (polling, 60 s at most) until {@code more} further launches have succeeded. */
    void awaitMore(int more) throws InterruptedException {
        int target = successes.get() + more;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (successes.get() < target) {
            if (Instant.now().isAfter(deadline) || failures.get() > 0) {
                throw new AssertionError("launches stalled at " + successes.get() + " successes; failures: " + failed);
            }
            Thread.sleep(10); // polling with a deadline, not waiting for a guessed duration
        }
    }

    /** Runs {@code action} while no launch is under way. */
    void betweenLaunches(Runnable action) {
        gate.writeLock().lock();
        try {
            action.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    int successes() {
        return successes.get();
    }

    int failures() {
        return failures.get();
    }

    List<String> failed() {
        return List.copyOf(failed);
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        threads.shutdown();
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS); // a thread that died of an exception fails the test here
        }
    }
}
