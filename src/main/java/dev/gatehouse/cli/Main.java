package dev.gatehouse.cli;

import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.keys.MasterKeyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The {@code gatehouse} command line: serve, demo, the AWS emulator and offline administration. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class,
        description = "Self-hosted identity center for SAML single sign-on into AWS accounts and SaaS applications.",
        subcommands = {Main.Serve.class, DemoCommand.class, AwsEmulatorCommand.class, AdminCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    static final String MASTER_KEY_HELP = "file holding base64 of 32 random bytes that encrypts signing keys at rest "
            + "(default: env GATEHOUSE_MASTER_KEY, else DATA/master.key, generated on first start); "
            + "nodes sharing a database must share it";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("aws")) {
            // The command line's client starts on every AWS CLI command (credential_process): hand it over before
            // picocli, logging or any server class is loaded.
            int code = dev.gatehouse.awscli.AwsCli.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    dev.gatehouse.awscli.CliEnv.system());
            System.out.flush();
            System.exit(code);
        }
        String logFormatProblem = logFormatProblem(System.getProperty("GATEHOUSE_LOG_FORMAT", System.getenv("GATEHOUSE_LOG_FORMAT")));
        if (logFormatProblem != null) {
            // logback.xml includes logging/console-FORMAT.xml: any other value would leave the console silent.
            System.err.println("gatehouse: " + logFormatProblem);
            System.exit(2);
        }
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

    /** Why {@code format} (GATEHOUSE_LOG_FORMAT) cannot be used, or {@code null} when it can (unset means text). */
    static String logFormatProblem(String format) {
        if (format == null || format.equals("text") || format.equals("json")) {
            return null;
        }
        return "GATEHOUSE_LOG_FORMAT must be text or json, not \"" + format.replaceAll("\\p{Cntrl}", "?") + "\"";
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
        @Option(names = "--bind", paramLabel = "ADDRESS",
                description = "address to listen on, e.g. 127.0.0.1 (default: every interface)")
        String bind;

        IdentityCenterConfig config() {
            return IdentityCenterConfig.of(port, data, db, baseUrl).withMasterKeyFile(masterKeyFile).withBindAddress(bind);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = GatehouseVersion.class,
            description = "Run the identity center.")
    static class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ServerOptions options;

        @Override
        public Integer call() throws InterruptedException {
            IdentityCenter center = IdentityCenter.start(options.config());
            System.out.println(listening(options.bind, center.port(), center.config().baseUrl()));
            Shutdown.await(center);
            return 0;
        }

        /** The start-up line. A server product listens on every interface unless told otherwise; it says so. */
        static String listening(String bind, int port, String baseUrl) {
            String where = bind == null ? "every interface (0.0.0.0; --bind ADDRESS to narrow)" : bind;
            return "Gatehouse identity center listening on " + where + ", port " + port + "; public URL " + baseUrl;
        }
    }
}
