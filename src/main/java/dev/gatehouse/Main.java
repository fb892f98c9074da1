package dev.gatehouse;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code gatehouse} command line: serve, demo, the AWS emulator and offline administration. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "Self-hosted identity center for SAML single sign-on into AWS accounts and SaaS applications.",
        subcommands = {Main.Serve.class, Main.Demo.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
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

        Config config() {
            return Config.of(port, data, db, baseUrl);
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
            waitForShutdown(center);
            return 0;
        }
    }

    @Command(name = "demo", description = "Run the identity center with a seeded demo.")
    static class Demo implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--data", defaultValue = "./data/demo", description = "data directory (default: ${DEFAULT-VALUE})")
        Path data;

        @Override
        public Integer call() throws InterruptedException {
            IdentityCenter center = IdentityCenter.start(Config.of(port, data, null, null));
            System.out.println("Gatehouse demo: portal at " + center.config().baseUrl() + "/");
            waitForShutdown(center);
            return 0;
        }
    }

    static void waitForShutdown(AutoCloseable... servers) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable s : servers) {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // shutting down anyway
                }
            }
            done.countDown();
        }));
        done.await();
    }
}
