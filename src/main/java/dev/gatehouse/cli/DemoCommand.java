package dev.gatehouse.cli;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.demo.DemoSeeder;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gatehouse demo}: both products on this machine, seeded so the demo user's tile signs in. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class,
        description = "Run the identity center and an emulated External AWS Account, seeded so the demo user's tile signs in.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "identity center port (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--aws-port", defaultValue = "4566", description = "emulated AWS port (default: ${DEFAULT-VALUE})")
    int awsPort;
    @Option(names = "--data", defaultValue = "./data/demo", description = "data directory of both stores (default: ${DEFAULT-VALUE})")
    Path data;
    // The demo publishes a fixed root key and prints fresh passwords: only this machine should reach it.
    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address both servers listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface)")
    String bind;
    @Option(names = "--master-key-file", description = Main.MASTER_KEY_HELP)
    Path masterKeyFile;

    /** A running demo: both servers and what the seeding printed. Closing stops both. */
    record Running(IdentityCenter center, AwsEmulator aws, DemoSeeder.Credentials credentials) implements AutoCloseable {
        @Override
        public void close() {
            center.close();
            aws.close();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Running demo = start(System.getenv(EmulatorConfig.ROOT_CREDENTIALS_ENV));
        String base = demo.center().config().baseUrl();
        System.out.printf("""

                Gatehouse demo is running.
                  Access portal:    %s/            user  demo   password %s
                  Admin console:    %s/admin       user  admin  password %s
                  Emulated AWS:     %s/console/signin   account %s, access key %s, secret %s
                The demo user's tile "%s" signs in to the emulated account as role %s.
                Passwords are new on every start. Press Ctrl+C to stop.
                %n""", base, demo.credentials().userPassword(), base, demo.credentials().adminPassword(), demo.aws().baseUrl(),
                DemoSeeder.ROOT.accountId(), DemoSeeder.ROOT.accessKeyId(), DemoSeeder.ROOT.secretAccessKey(),
                DemoSeeder.APP_NAME, DemoSeeder.ROLE);
        Shutdown.await(demo.center(), demo.aws());
        return 0;
    }

    /**
     * Starts and seeds both servers.
     *
     * @param rootCredentials the value of {@code GATEHOUSE_AWS_ROOT_CREDENTIALS}: accounts created beside the demo's,
     *                        as the standalone emulator creates them
     */
    Running start(String rootCredentials) {
        List<RootCredential> roots = new ArrayList<>(List.of(DemoSeeder.ROOT));
        roots.addAll(EmulatorConfig.parseRootCredentials(rootCredentials));
        AwsEmulator aws = AwsEmulator.start(EmulatorConfig.of(awsPort, data, null, null, roots).withBindAddress(bind));
        try {
            IdentityCenter center = IdentityCenter.start(IdentityCenterConfig.of(port, data, null, null)
                    .withMasterKeyFile(masterKeyFile).withBindAddress(bind));
            try {
                return new Running(center, aws, new DemoSeeder(center, aws).seed());
            } catch (RuntimeException e) {
                center.close();
                throw e;
            }
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }
}
