package dev.gatehouse.cli;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.awsemulator.account.AccountStore;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.DatabaseInUseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse aws-emulator}: runs the local AWS account emulator alone, and {@code aws-emulator accounts
 * create} adds an account with a root key to its database.
 */
@Command(name = "aws-emulator", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class, description = "Run the local AWS account emulator (IAM, STS, console sign-in) on one port.",
        subcommands = {AwsEmulatorCommand.Accounts.class})
final class AwsEmulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "4566", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--data", defaultValue = "./data/aws-emulator", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--db", description = "JDBC URL of the emulator's database (default: an H2 file in --data)")
    String db;
    @Option(names = "--base-url", description = "public URL of the emulator (default: http://localhost:PORT)")
    String baseUrl;
    @Option(names = "--allow-sha1", description = "accept SAML responses signed with RSA-SHA1 or digested with SHA-1 "
            + "(refused by default; for identity providers that still sign with SHA-1)")
    boolean allowSha1;
    // The emulator's root keys are meant for this machine's tests and demos: reachable from elsewhere only on request.
    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface)")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        AwsEmulator emulator = start();
        System.out.println("AWS emulator listening on " + emulator.baseUrl() + " (Query APIs on /, console at "
                + emulator.baseUrl() + "/console/signin, SAML sign-in at " + emulator.baseUrl() + "/saml)");
        Shutdown.await(emulator);
        return 0;
    }

    AwsEmulator start() {
        return AwsEmulator.start(EmulatorConfig.of(port, data, db, baseUrl).withAllowSha1(allowSha1).withBindAddress(bind));
    }

    @Command(name = "accounts", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class, description = "Manage emulated accounts.", subcommands = {Create.class})
    static final class Accounts {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class, description = "Create an account with a root access key and print them.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        Accounts accounts;
        @Option(names = "--account-id", description = "the 12-digit account id (default: a random one)")
        String accountId;
        @Option(names = "--data", defaultValue = "./data/aws-emulator", description = "data directory (default: ${DEFAULT-VALUE})")
        Path data;
        @Option(names = "--db", description = "JDBC URL of the emulator's database (default: an H2 file in --data)")
        String db;

        @Override
        public Integer call() {
            if (accountId != null && !accountId.matches("\\d{12}")) {
                System.err.println("--account-id must be 12 digits.");
                return 2;
            }
            EmulatorConfig config = EmulatorConfig.of(0, data, db, null, List.of());
            try (Database database = open(config.jdbcUrl())) {
                if (database == null) {
                    return 1;
                }
                AccountStore store = new AccountStore(database.jdbi(), Clock.systemUTC(), new RandomIds(new SecureRandom()));
                if (accountId != null && store.findAccount(accountId).isPresent()) {
                    System.err.println("Account " + accountId + " already exists.");
                    return 1;
                }
                RootCredential root = store.create(accountId);
                // Printed once, on purpose: this is how the operator learns the secret.
                System.out.println("Account ID:        " + root.accountId());
                System.out.println("Access key ID:     " + root.accessKeyId());
                System.out.println("Secret access key: " + root.secretAccessKey());
                return 0;
            }
        }

        /** The store, or {@code null} after saying in one line that a running server holds it and what to do. */
        private Database open(String jdbcUrl) {
            try {
                return Database.open(jdbcUrl, "emulator");
            } catch (DatabaseInUseException e) {
                // The demo keeps both stores in one directory; the emulator alone keeps only its own.
                boolean demo = Files.exists(data.resolve("gatehouse.mv.db"));
                System.err.println((demo ? "The running demo" : "A running aws-emulator") + " holds the store in " + data
                        + ": stop it and run this again, or restart it with " + EmulatorConfig.ROOT_CREDENTIALS_ENV
                        + "=ACCOUNT_ID:ACCESS_KEY_ID:SECRET to add the account at start.");
                return null;
            }
        }
    }
}
