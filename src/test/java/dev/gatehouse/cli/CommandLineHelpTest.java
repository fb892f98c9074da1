package dev.gatehouse.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --help} and {@code --version} on every command, as the launcher's comment promises. */
class CommandLineHelpTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0} --help")
    @CsvSource(delimiter = '|', value = {
            "serve|--port,--data,--db,--base-url,--master-key-file,--bind,--version",
            "demo|--port,--aws-port,--data,--bind,--master-key-file,--version",
            "aws-emulator|--port,--data,--db,--base-url,--allow-sha1,--bind,--version",
            "aws-emulator accounts|create,--version",
            "aws-emulator accounts create|--account-id,--data,--db,--version",
            "admin|create-admin,--version",
            "admin create-admin|--username,--data,--db,--version"})
    void everySubcommandAnswersHelpWithItsOptions(String command, String options) {
        String[] args = (command + " --help").split(" ");
        Run run = run(args);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: gatehouse " + command).contains(options.split(","));
    }

    @ParameterizedTest(name = "{0} --version")
    @CsvSource({"serve", "demo", "aws-emulator", "'aws-emulator accounts create'", "'admin create-admin'"})
    void everySubcommandAnswersVersionWithTheProjectVersion(String command) throws IOException {
        Run run = run((command + " --version").split(" "));
        assertThat(run.code()).isZero();
        assertThat(run.out().strip()).isEqualTo("gatehouse " + pomVersion());
    }

    @Test
    void theTopLevelVersionIsTheProjectVersion() throws IOException {
        assertThat(run("--version").out().strip()).isEqualTo("gatehouse " + pomVersion());
    }

    /** The project's own version, read from the pom the build ran (the first version after the artifactId). */
    private static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>gatehouse</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("project version in pom.xml").isTrue();
        return m.group(1);
    }
}
