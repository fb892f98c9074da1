package dev.gatehouse.cli;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.demo.DemoSeeder;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.keys.MasterKeyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The {@code gatehouse} command line: serve, demo, the AWS emulator and offline administration. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "Self-hosted identity center for SAML single sign-on into AWS accounts and SaaS applications.",
        subcommands = {Main.Serve.class, Main.Demo.class, AwsEmulatorCommand.class, AdminCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    static final String MASTER_KEY_HELP = "file holding base64 of 32 random bytes that encrypts signing keys at rest "
            + "(default: env GATEHOUSE_MASTER_KEY, else DATA/master.key, generated on first start); "
            + "nodes sharing a database must share it";

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof MasterKeyException) {
                        // an operator's mistake, not a bug: say what to fix, without a stack trace
                        cmd.getErr().println("gatehouse: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Options shared by the server commands. */
    static class ServerOptions {
        @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
        int port;
        @Option(names = "--data", description = "data directory for the embedded database (default: ${DEFAULT-VALUE})", defaultValue = "./data")
        Path data;
        @Option(names = "--db", description = "JDBC URL of the database, e.g. jdbc:postgresql://127.0.0.1:5432/gatehouse")
        String db;
        @Option(names = "--base-url", description = "public URL used in metadata and links (default: http://localhost:PORT)")
        String baseUrl;
        @Option(names = "--master-key-file", description = MASTER_KEY_HELP)
        Path masterKeyFile;

        IdentityCenterConfig config() {
            return IdentityCenterConfig.of(port, data, db, baseUrl).withMasterKeyFile(masterKeyFile);
        }
    }

    @Command(name = "serve", description = "Run the identity center.")
    static class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ServerOptions options;

        @Override
        public Integer call() throws InterruptedException {
            IdentityCenter center = IdentityCenter.start(options.config());
            System.out.println("Gatehouse identity center listening on " + center.config().baseUrl());
            Shutdown.await(center);
            return 0;
        }
    }

    @Command(name = "demo", description = "Run the identity center and an emulated External AWS Account, seeded so the demo user's tile signs in.")
    static class Demo implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8080", description = "identity center port (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--aws-port", defaultValue = "4566", description = "emulated AWS port (default: ${DEFAULT-VALUE})")
        int awsPort;
        @Option(names = "--data", defaultValue = "./data/demo", description = "data directory (default: ${DEFAULT-VALUE})")
        Path data;
        @Option(names = "--master-key-file", description = MASTER_KEY_HELP)
        Path masterKeyFile;

        @Override
        public Integer call() throws InterruptedException {
            AwsEmulator aws = AwsEmulator.start(EmulatorConfig.of(awsPort, data, null, null, List.of(DemoSeeder.ROOT)));
            IdentityCenter center = IdentityCenter.start(IdentityCenterConfig.of(port, data, null, null).withMasterKeyFile(masterKeyFile));
            DemoSeeder.Credentials credentials = new DemoSeeder(center, aws).seed();
            String base = center.config().baseUrl();
            System.out.printf("""

                    Gatehouse demo is running.
                      Access portal:    %s/            user  demo   password %s
                      Admin console:    %s/admin       user  admin  password %s
                      Emulated AWS:     %s/console/signin   account %s, access key %s, secret %s
                    The demo user's tile "%s" signs in to the emulated account as role %s.
                    Passwords are new on every start. Press Ctrl+C to stop.
                    %n""", base, credentials.userPassword(), base, credentials.adminPassword(), aws.baseUrl(),
                    DemoSeeder.ROOT.accountId(), DemoSeeder.ROOT.accessKeyId(), DemoSeeder.ROOT.secretAccessKey(),
                    DemoSeeder.APP_NAME, DemoSeeder.ROLE);
            Shutdown.await(center, aws);
            return 0;
        }
    }
}
