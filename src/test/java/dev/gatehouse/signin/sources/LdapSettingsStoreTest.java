package dev.gatehouse.signin.sources;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LDAP settings row on H2: the bind password sealed, write-only, never in the audit log. */
class LdapSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void theBindPasswordIsSealedKeptWhenNotGivenAndNeverAudited() {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, dir); Database database = Database.open(db.url(), "identity")) {
            MovableClock clock = new MovableClock(Instant.parse("2030-01-02T03:04:05Z"));
            AuditLog audit = new AuditLog(database.jdbi(), clock);
            MasterKey key = MasterKey.of(new byte[32], new SecureRandom(), "test");
            LdapSettingsStore store = new LdapSettingsStore(database.jdbi(), key, audit, clock);
            assertThat(store.load()).isEmpty();
            assertThat(store.hasBindPassword()).isFalse();

            LdapIdentitySource.Settings settings = AdShapedDirectory.settings("ldaps://dc1.corp.example:636",
                    LdapIdentitySource.Security.LDAPS, false, null, "the-bind-secret-1");
            store.save("admin", new LdapSettingsStore.Stored(true, 60, settings));

            assertThat(store.load()).contains(new LdapSettingsStore.Stored(true, 60, settings));
            String stored = database.jdbi().withHandle(h -> h.createQuery("SELECT bind_password_sealed FROM ldap_settings")
                    .mapTo(String.class).one());
            assertThat(MasterKey.isSealed(stored)).isTrue();
            assertThat(stored).doesNotContain("the-bind-secret-1");

            LdapIdentitySource.Settings withoutPassword = AdShapedDirectory.settings("ldaps://dc2.corp.example:636",
                    LdapIdentitySource.Security.LDAPS, false, null, null);
            store.save("admin", new LdapSettingsStore.Stored(false, 30, withoutPassword));
            LdapSettingsStore.Stored reloaded = store.load().orElseThrow();
            assertThat(reloaded.settings().url()).isEqualTo("ldaps://dc2.corp.example:636");
            assertThat(reloaded.settings().bindPassword()).isEqualTo("the-bind-secret-1");
            assertThat(reloaded.enabled()).isFalse();

            assertThat(audit.recent(10)).hasSize(2).allSatisfy(e -> {
                assertThat(e.type()).isEqualTo("LDAP_SETTINGS_SAVED");
                assertThat(e.detail()).doesNotContain("the-bind-secret-1");
            });
            assertThatThrownBy(() -> store.save("admin", new LdapSettingsStore.Stored(true, 1, settings)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
        }
    }
}
