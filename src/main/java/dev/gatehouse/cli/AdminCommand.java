package dev.gatehouse.cli;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.directory.DirectoryRules;
import dev.gatehouse.directory.GroupStore;
import dev.gatehouse.directory.PasswordHasher;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;
import dev.gatehouse.directory.UserStore;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.signin.SessionStore;
import dev.gatehouse.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code gatehouse admin …}: administration straight on the database, for when nobody can sign in yet. */
@Command(name = "admin", description = "Offline administration of the identity center's database.",
        mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class, subcommands = {AdminCommand.CreateAdmin.class})
public final class AdminCommand {

    /** Creates an administrator, or promotes an existing user, reactivates them and resets their password. */
    @Command(name = "create-admin", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class,
            description = "Create an administrator (or promote an existing user and reset the password). "
                    + "Reads the password, one line of at least " + DirectoryRules.MIN_PASSWORD_LENGTH
                    + " characters, from standard input.")
    public static final class CreateAdmin implements Callable<Integer> {
        @Option(names = "--username", required = true, description = "the administrator's user name")
        String userName;
        @Option(names = "--data", defaultValue = "./data", description = "data directory of the embedded database (default: ${DEFAULT-VALUE})")
        Path data;
        @Option(names = "--db", description = "JDBC URL of the database, instead of the embedded one under --data")
        String db;

        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;

        public CreateAdmin() {
            this(System.in, System.out, System.err);
        }

        /** For tests: the password comes from {@code in}; messages go to {@code out} and {@code err}. */
        public CreateAdmin(InputStream in, PrintStream out, PrintStream err) {
            this.in = in;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() throws IOException {
            String password = readPassword();
            if (password == null || password.length() < DirectoryRules.MIN_PASSWORD_LENGTH) {
                err.println("Refused: the password must be at least " + DirectoryRules.MIN_PASSWORD_LENGTH
                        + " characters (read one line from standard input).");
                return 2;
            }
            String jdbcUrl = db != null ? db : Database.h2FileUrl(data, "gatehouse");
            try (Database database = Database.open(jdbcUrl, "identity")) {
                Directory directory = directory(database);
                Optional<User> existing = directory.users().findByUserName(userName);
                if (existing.isPresent()) {
                    User user = existing.get();
                    UserDraft promoted = user.draft().withAdmin(true).withActive(true);
                    directory.replaceUser("system", user.id(), promoted, password, null);
                    out.println("User " + user.userName() + " is now an active administrator; the password was reset.");
                } else {
                    directory.createUser("system", new UserDraft(userName, null, null, null, null, true, true), password);
                    out.println("Administrator " + userName + " created. Sign in at /admin.");
                }
                return 0;
            } catch (DirectoryException e) {
                err.println("Refused: " + e.getMessage());
                return 2;
            }
        }

        /** A terminal gets an unechoed prompt; otherwise one line is read, so scripts can pipe the password in. */
        private String readPassword() throws IOException {
            Console console = System.console();
            if (in == System.in && console != null) {
                char[] typed = console.readPassword("Password for %s: ", userName);
                return typed == null ? null : new String(typed);
            }
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        private static Directory directory(Database database) {
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            RandomIds ids = new RandomIds(random);
            AuditLog audit = new AuditLog(database.jdbi(), clock);
            UserStore users = new UserStore(database.jdbi(), clock, ids);
            // Sessions are only touched to end them (a reactivated user has none); the lifetime is irrelevant here.
            SessionStore sessions = new SessionStore(database.jdbi(), clock, ids, java.time.Duration.ofHours(1));
            return new Directory(users, new GroupStore(database.jdbi(), clock, ids), new PasswordHasher(random), sessions, audit);
        }
    }
}
