package dev.gatehouse.signin.factors;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import dev.gatehouse.testing.MovableClock;
import dev.gatehouse.testing.SeededRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The passkey ceremonies against webauthn4j and a real database, with a software authenticator ({@link SoftPasskey})
 * standing in for the browser: register, sign in without a password, a second factor, and every refusal the issue
 * lists (removed passkey, wrong origin, replayed challenge, cloned counter, no user verification for passwordless).
 */
class PasskeysTest {
    private static final String BASE = "https://id.example.test";

    @TempDir
    Path dir;

    private final SecureRandom random = SeededRandom.of("passkeys");
    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-02T03:04:05Z"));
    private TestDatabase db;
    private Database database;
    private AuditLog audit;
    private Passkeys passkeys;
    private User alice;
    private User bob;

    private void open(TestDatabase.Kind kind) {
        db = TestDatabase.create(kind, dir);
        database = Database.open(db.url(), "identity");
        RandomIds ids = new RandomIds(random);
        UserStore users = new UserStore(database.jdbi(), clock, ids);
        alice = users.create(new UserDraft("alice", null, null, null, null, true, false), null);
        bob = users.create(new UserDraft("bob", null, null, null, null, true, false), null);
        audit = new AuditLog(database.jdbi(), clock);
        passkeys = new Passkeys(new PasskeyStore(database.jdbi(), clock), BASE, clock, ids, audit);
    }

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
        if (database != null) {
            database.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private SoftPasskey registered(User user, String name) throws Exception {
        SoftPasskey key = new SoftPasskey(random, BASE);
        passkeys.finishRegistration(user.id(), user.userName(), name,
                key.create(passkeys.startRegistration(user.id(), user.userName())));
        return key;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void registersAPasskeyAndSignsInWithoutAPassword(TestDatabase.Kind kind) throws Exception {
        open(kind);
        Passkeys.RegistrationOptions options = passkeys.startRegistration(alice.id(), "alice");
        assertThat(options.rpId()).isEqualTo("id.example.test");
        assertThat(options.algorithms()).contains(-7L);
        SoftPasskey key = new SoftPasskey(random, BASE);
        passkeys.finishRegistration(alice.id(), "alice", "  Laptop  ", key.create(options));

        List<PasskeyStore.Passkey> list = passkeys.list(alice.id());
        assertThat(list).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Laptop");
            assertThat(p.createdAt()).isEqualTo(clock.instant());
            assertThat(p.lastUsedAt()).isNull();
            assertThat(p.transports()).containsExactly("internal");
            assertThat(p.uvInitialized()).isTrue();
        });
        assertThat(passkeys.startRegistration(alice.id(), "alice").excludeCredentials()).containsExactly(key.credentialId());

        clock.advance(Duration.ofMinutes(1));
        Passkeys.SignInOptions signIn = passkeys.startPasswordless();
        assertThat(signIn.allowCredentials()).isEmpty();
        assertThat(signIn.userVerification()).isEqualTo("required");
        PasskeyStore.Passkey used = passkeys.verifyPasswordless(key.get(signIn));

        assertThat(used.userId()).isEqualTo(alice.id());
        assertThat(passkeys.list(alice.id()).get(0).lastUsedAt()).isEqualTo(clock.instant());
        assertThat(passkeys.list(alice.id()).get(0).signCount()).isEqualTo(1);
        assertThat(audit.recent(10)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("PASSKEY_REGISTERED");
            assertThat(e.target()).isEqualTo(alice.id());
            assertThat(e.detail()).isEqualTo("Laptop");
        });
    }

    @Test
    void aSecondPasskeyKeepsTheUserHandle() throws Exception {
        open(TestDatabase.Kind.H2);
        registered(alice, "Laptop");
        String handle = passkeys.list(alice.id()).get(0).userHandle();
        assertThat(passkeys.startRegistration(alice.id(), "alice").userHandle()).isEqualTo(handle);
        assertThat(passkeys.startRegistration(bob.id(), "bob").userHandle()).isNotEqualTo(handle);
    }

    @Test
    void aPasskeyIsASecondFactorForItsOwnerOnly() throws Exception {
        open(TestDatabase.Kind.H2);
        PasskeyFactor factor = new PasskeyFactor(passkeys, audit);
        SoftPasskey key = registered(alice, "Phone");
        registered(bob, "Bob's key");
        assertThat(factor.enrolled(alice.id())).isTrue();

        Passkeys.SignInOptions options = passkeys.startSecondFactor(alice.id());
        assertThat(options.allowCredentials()).containsExactly(key.credentialId());
        assertThat(factor.accept(alice.id(), "alice", new FactorAnswer(Map.of("passkey", key.get(options))))).isTrue();
        assertThat(audit.recent(5)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("MFA_VERIFIED");
            assertThat(e.detail()).isEqualTo("passkey: Phone");
        });

        Passkeys.SignInOptions bobs = passkeys.startSecondFactor(bob.id());
        assertThat(factor.accept(bob.id(), "bob", new FactorAnswer(Map.of("passkey", key.get(bobs))))).isFalse();
        assertThat(factor.accept(alice.id(), "alice", FactorAnswer.code("123456"))).isFalse();
    }

    @Test
    void aRemovedPasskeyIsRefused() throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = registered(alice, "Laptop");
        assertThat(passkeys.remove(bob.id(), "bob", key.credentialId())).isFalse();
        assertThat(passkeys.remove(alice.id(), "alice", key.credentialId())).isTrue();
        assertThat(passkeys.list(alice.id())).isEmpty();

        Passkeys.SignInOptions options = passkeys.startPasswordless();
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.get(options)))
                .isInstanceOf(Passkeys.Refused.class).hasMessageContaining("not registered");
        assertThat(audit.recent(5)).anySatisfy(e -> assertThat(e.type()).isEqualTo("PASSKEY_REMOVED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://id.example.test.evil.example", "http://id.example.test", "https://id.example.test:8443"})
    void anAnswerFromAnotherOriginIsRefused(String phishing) throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = registered(alice, "Laptop");
        key.origin = phishing;
        Passkeys.SignInOptions options = passkeys.startPasswordless();
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.get(options))).isInstanceOf(Passkeys.Refused.class);
        assertThat(audit.recent(5)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("PASSKEY_REFUSED");
            assertThat(e.detail()).contains("BadOriginException");
        });

        SoftPasskey other = new SoftPasskey(random, phishing);
        String answer = other.create(passkeys.startRegistration(alice.id(), "alice"));
        assertThatThrownBy(() -> passkeys.finishRegistration(alice.id(), "alice", "Evil", answer))
                .isInstanceOf(Passkeys.Refused.class);
        assertThat(passkeys.list(alice.id())).hasSize(1);
    }

    @Test
    void aChallengeWorksOnceAndNotAfterFiveMinutes() throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = registered(alice, "Laptop");
        Passkeys.SignInOptions options = passkeys.startPasswordless();
        String answer = key.get(options);
        passkeys.verifyPasswordless(answer);
        assertThatThrownBy(() -> passkeys.verifyPasswordless(answer))
                .isInstanceOf(Passkeys.Refused.class).hasMessageContaining("expired or was already used");

        Passkeys.SignInOptions late = passkeys.startPasswordless();
        clock.advance(Passkeys.CHALLENGE_LIFETIME.plusSeconds(1));
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.get(late)))
                .isInstanceOf(Passkeys.Refused.class).hasMessageContaining("expired or was already used");

        // a second-factor challenge does not serve a passwordless sign-in, nor one user's another's
        Passkeys.SignInOptions secondFactor = passkeys.startSecondFactor(alice.id());
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.get(secondFactor))).isInstanceOf(Passkeys.Refused.class);
        Passkeys.RegistrationOptions bobs = passkeys.startRegistration(bob.id(), "bob");
        String registration = new SoftPasskey(random, BASE).create(bobs);
        assertThatThrownBy(() -> passkeys.finishRegistration(alice.id(), "alice", "Stolen", registration))
                .isInstanceOf(Passkeys.Refused.class);
    }

    @Test
    void aCounterThatDoesNotIncreaseIsAClonedAuthenticator() throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = registered(alice, "Laptop");
        passkeys.verifyPasswordless(key.get(passkeys.startPasswordless()));
        passkeys.verifyPasswordless(key.get(passkeys.startPasswordless()));

        Passkeys.SignInOptions options = passkeys.startPasswordless();
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.getWithoutCounting(options)))
                .isInstanceOf(Passkeys.Refused.class);
        key.counter = 1;
        Passkeys.SignInOptions older = passkeys.startPasswordless();
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.getWithoutCounting(older)))
                .isInstanceOf(Passkeys.Refused.class);
        assertThat(audit.recent(5)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("PASSKEY_REFUSED");
            assertThat(e.detail()).contains("cloned authenticator");
        });
        assertThat(passkeys.list(alice.id()).get(0).signCount()).isEqualTo(2);
    }

    @Test
    void anAuthenticatorWithoutACounterIsAccepted() throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = registered(alice, "Synced passkey");
        passkeys.verifyPasswordless(key.getWithoutCounting(passkeys.startPasswordless()));
        passkeys.verifyPasswordless(key.getWithoutCounting(passkeys.startPasswordless()));
        assertThat(passkeys.list(alice.id()).get(0).signCount()).isZero();
    }

    @Test
    void passwordlessNeedsUserVerificationButASecondFactorDoesNot() throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = registered(alice, "Security key");
        key.userVerified = false;
        Passkeys.SignInOptions options = passkeys.startPasswordless();
        assertThatThrownBy(() -> passkeys.verifyPasswordless(key.get(options))).isInstanceOf(Passkeys.Refused.class);
        assertThat(audit.recent(5)).anySatisfy(e -> assertThat(e.detail()).contains("UserNotVerifiedException"));

        assertThat(passkeys.verifySecondFactor(alice.id(), "alice", key.get(passkeys.startSecondFactor(alice.id())))
                .name()).isEqualTo("Security key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "{}", "[]", "{\"id\":\"x\"}", "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{}}",
            "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"!!\",\"authenticatorData\":\"AA\",\"signature\":\"AA\"}}",
            "{\"response\":{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}"})
    void garbageIsRefusedNeverThrownThrough(String garbage) {
        open(TestDatabase.Kind.H2);
        assertThatThrownBy(() -> passkeys.verifyPasswordless(garbage)).isInstanceOf(Passkeys.Refused.class);
        assertThatThrownBy(() -> passkeys.verifySecondFactor(alice.id(), "alice", garbage)).isInstanceOf(Passkeys.Refused.class);
        assertThatThrownBy(() -> passkeys.finishRegistration(alice.id(), "alice", "Key", garbage))
                .isInstanceOf(Passkeys.Refused.class);
        assertThatThrownBy(() -> passkeys.verifyPasswordless("x".repeat(Passkeys.MAX_RESPONSE + 1)))
                .isInstanceOf(Passkeys.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\tname"})
    void aPasskeyNeedsAPrintableName(String name) throws Exception {
        open(TestDatabase.Kind.H2);
        SoftPasskey key = new SoftPasskey(random, BASE);
        String answer = key.create(passkeys.startRegistration(alice.id(), "alice"));
        assertThatThrownBy(() -> passkeys.finishRegistration(alice.id(), "alice", name, answer))
                .isInstanceOf(Passkeys.Refused.class).hasMessageContaining("name");
        assertThatThrownBy(() -> passkeys.finishRegistration(alice.id(), "alice", "x".repeat(Passkeys.MAX_NAME + 1), answer))
                .isInstanceOf(Passkeys.Refused.class);
    }
}
