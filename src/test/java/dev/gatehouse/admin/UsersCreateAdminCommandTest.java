package dev.gatehouse.admin;

import dev.gatehouse.cli.AdminCommand;
import dev.gatehouse.directory.Authenticator;
import dev.gatehouse.directory.PasswordHasher;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class UsersCreateAdminCommandTest {
    @TempDir
    Path data;

    @Test
    void createAdminWithPasswordOnStdinCreatesAnAdministratorWhoCanSignIn() {
        assertThat(run("root", "a long admin password\n")).isZero();

        Optional<User> verified = verify("root", "a long admin password");
        assertThat(verified).hasValueSatisfying(u -> assertThat(u.admin()).isTrue());
    }

    @Test
    void createAdminWhenUserExistsThenPromotesAndResetsPassword() {
        assertThat(run("pat", "the first long password\n")).isZero();
        try (Database db = Database.open(Database.h2FileUrl(data, "gatehouse"), "identity")) {
            db.jdbi().useHandle(h -> h.execute("UPDATE users SET is_admin = FALSE, active = FALSE"));
        }

        assertThat(run("PAT", "the second long password\r\n")).isZero();

        assertThat(verify("pat", "the first long password")).isEmpty();
        assertThat(verify("pat", "the second long password")).hasValueSatisfying(u -> {
            assertThat(u.admin()).isTrue();
            assertThat(u.active()).isTrue();
        });
    }

    @Test
    void createAdminWhenPasswordTooShortThenRefusedAndNothingCreated() {
        assertThat(run("root", "short\n")).isEqualTo(2);

        try (Database db = Database.open(Database.h2FileUrl(data, "gatehouse"), "identity")) {
            assertThat(new UserStore(db.jdbi(), Clock.systemUTC(), new RandomIds(new SecureRandom())).count()).isZero();
        }
    }

    private int run(String userName, String stdin) {
        AdminCommand.CreateAdmin command = new AdminCommand.CreateAdmin(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        return new CommandLine(command).execute("--username", userName, "--data", data.toString());
    }

    private Optional<User> verify(String userName, String password) {
        try (Database db = Database.open(Database.h2FileUrl(data, "gatehouse"), "identity")) {
            SecureRandom random = new SecureRandom();
            UserStore users = new UserStore(db.jdbi(), Clock.systemUTC(), new RandomIds(random));
            return new Authenticator(users, new PasswordHasher(random), new RandomIds(random)).verify(userName, password);
        }
    }
}
