package dev.gatehouse.cli;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.demo.DemoSeeder;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse demo} as a newcomer runs it: restarts, the environment's accounts, the audit log, the H2 files. */
class DemoCommandTest {

    static DemoCommand demo(Path data, int port, int awsPort, String... more) {
        DemoCommand command = new DemoCommand();
        String[] args = Stream.concat(Stream.of("--port", Integer.toString(port), "--aws-port", Integer.toString(awsPort),
                "--data", data.toString()), Stream.of(more)).toArray(String[]::new);
        new CommandLine(command).parseArgs(args);
        return command;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRestartWithAnotherAwsPortMovesTheSeededAcsAndMetadata(@TempDir Path data) {
        int port = freePort();
        int firstAws = freePort();
        try (DemoCommand.Running first = demo(data, port, firstAws).start(null)) {
            assertThat(first.center().services().applications().find(first.credentials().appId()).acsUrl())
                    .isEqualTo("http://localhost:" + firstAws + "/saml");
        }
        int otherPort = freePort();
        int secondAws = freePort();
        try (DemoCommand.Running second = demo(data, otherPort, secondAws).start(null)) {
            assertThat(second.center().services().applications().find(second.credentials().appId()).acsUrl())
                    .isEqualTo("http://localhost:" + secondAws + "/saml");
            // the provider's metadata is the one the identity center serves now, on its new port
            assertThat(second.aws().iam().getSamlProvider("arn:aws:iam::" + DemoSeeder.ACCOUNT_ID + ":saml-provider/"
                    + DemoSeeder.PROVIDER).metadataDocument()).contains("http://localhost:" + otherPort + "/");
        }
    }

    @Test
    void theDemoCreatesTheAccountsOfGatehouseAwsRootCredentials(@TempDir Path data) {
        String extra = "444455556666:AKIAEXTRAACCOUNT0001:extraSecretKeyForTheDemoTest0000000000";
        try (DemoCommand.Running demo = demo(data, 0, 0).start(extra)) {
            assertThat(demo.aws().accounts().findRoot("AKIAEXTRAACCOUNT0001")).map(RootCredential::accountId)
                    .hasValue("444455556666");
            assertThat(demo.aws().accounts().findRoot(DemoSeeder.ROOT.accessKeyId())).isPresent();
        }
    }

    @Test
    void theSeedingIsAuditedAsASystemActorNotTheDemoUser(@TempDir Path data) {
        try (DemoCommand.Running demo = demo(data, 0, 0).start(null)) {
            List<AuditLog.Event> events = demo.center().services().audit().recent(100);
            assertThat(events).extracting(AuditLog.Event::type).contains("USER_CREATED", "APP_CREATED");
            assertThat(events).filteredOn(e -> e.type().endsWith("_CREATED")).extracting(AuditLog.Event::actor)
                    .containsOnly("system:demo-seed");
            assertThat(events).extracting(AuditLog.Event::actor).doesNotContain("demo", "admin");
        }
    }

    @Test
    void aFirstStartLeavesNoH2TraceFiles(@TempDir Path data) throws IOException {
        demo(data, 0, 0).start(null).close();
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("gatehouse.mv.db", "aws-emulator.mv.db")
                    .noneMatch(name -> name.endsWith(".trace.db"));
        }
    }

    @Test
    void accountsCreateWhileTheDemoRunsSaysSoInOneLine(@TempDir Path data) {
        try (DemoCommand.Running ignored = demo(data, 0, 0).start(null)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Peers.Output out = Peers.runApart(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, Main.class.getName(), "aws-emulator", "accounts", "create", "--data", data.toString()),
                    env -> env.remove("GATEHOUSE_AWS_ROOT_CREDENTIALS"));
            assertThat(out.exitCode()).isNotZero();
            assertThat(out.stdout()).isEmpty();
            assertThat(out.stderr().lines()).singleElement().asString()
                    .startsWith("The running demo holds the store in " + data)
                    .contains("stop it", "GATEHOUSE_AWS_ROOT_CREDENTIALS=")
                    .doesNotContain("Exception");
        }
    }
}
