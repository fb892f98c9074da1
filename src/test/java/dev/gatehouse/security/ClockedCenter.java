package dev.gatehouse.security;

import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real identity center (fresh H2 in a temporary directory, free port) running on a {@link MovableClock}, for the
 * security tests that need time to pass (throttle windows, TOTP steps, challenge expiry) or a custom config.
 */
public final class ClockedCenter implements AutoCloseable {
    public static final String PASSWORD = "a long and correct password";
    public static final String ADMIN_TOKEN = "security-test-admin-token-0123456789";

    private final IdentityCenter center;
    private final MovableClock clock;

    private ClockedCenter(IdentityCenter center, MovableClock clock) {
        this.center = center;
        this.clock = clock;
    }

    public static ClockedCenter start() {
        return start(c -> c);
    }

    public static ClockedCenter start(UnaryOperator<IdentityCenterConfig> configure) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-security");
            // Mid-step of a 30 s TOTP period, so codes computed for "now" are stable while a test runs.
            MovableClock clock = new MovableClock(Instant.parse("2030-01-02T03:04:10Z"));
            IdentityCenterConfig config = configure.apply(IdentityCenterConfig.of(0, dir, null, null).withAdminToken(ADMIN_TOKEN));
            return new ClockedCenter(IdentityCenter.start(config, clock), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + center.port();
    }

    public IdentityCenter center() {
        return center;
    }

    public MovableClock clock() {
        return clock;
    }

    public User user(String userName) {
        return center.services().directory().createUser("test",
                new UserDraft(userName, userName + "@example.com", "Given", "Family", null, true, false), PASSWORD);
    }

    public User admin(String userName) {
        return center.services().directory().createUser("test",
                new UserDraft(userName, userName + "@example.com", "Ada", "Admin", null, true, true), PASSWORD);
    }

    /** Audit events of {@code type}, newest first. */
    public List<AuditLog.Event> audit(String type) {
        return center.services().audit().recent(10_000).stream().filter(e -> e.type().equals(type)).toList();
    }

    @Override
    public void close() {
        center.close();
    }
}
