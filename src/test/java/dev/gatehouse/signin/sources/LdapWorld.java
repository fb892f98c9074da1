package dev.gatehouse.signin.sources;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.PasswordHasher;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * What the LDAP source's tests run against: the AD-shaped in-memory directory, and Gatehouse's real directory and
 * audit log on a fresh database (H2, or PostgreSQL). Close it at the end of the test.
 */
final class LdapWorld implements AutoCloseable {
    final AdShapedDirectory ad;
    final Directory directory;
    final AuditLog audit;
    final MovableClock clock;
    final Database database;
    private final TestDatabase db;

    private LdapWorld(TestDatabase db, Database database, AdShapedDirectory ad, Directory directory, AuditLog audit,
                      MovableClock clock) {
        this.db = db;
        this.database = database;
        this.ad = ad;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    static LdapWorld start(Path dir) throws Exception {
        return start(dir, TestDatabase.Kind.H2);
    }

    static LdapWorld start(Path dir, TestDatabase.Kind kind) throws Exception {
        TestDatabase db = TestDatabase.create(kind, dir);
        Database database = Database.open(db.url(), "identity");
        MovableClock clock = new MovableClock(Instant.parse("2030-01-02T03:04:05Z"));
        RandomIds ids = new RandomIds(new SecureRandom());
        AuditLog audit = new AuditLog(database.jdbi(), clock);
        Directory directory = new Directory(new UserStore(database.jdbi(), clock, ids), new GroupStore(database.jdbi(), clock, ids),
                new PasswordHasher(new SecureRandom()), (userId, keep) -> { }, audit);
        return new LdapWorld(db, database, AdShapedDirectory.start(dir), directory, audit, clock);
    }

    @Override
    public void close() throws Exception {
        ad.close();
        database.close();
        db.close();
    }
}
