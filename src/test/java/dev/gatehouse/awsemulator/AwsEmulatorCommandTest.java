package dev.gatehouse.awsemulator;

import dev.gatehouse.cli.Main;
import dev.gatehouse.awsemulator.account.RootCredential;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.awsemulator.account.AccountStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse aws-emulator accounts create} through the real command line parser. */
class AwsEmulatorCommandTest {

    @Test
    void accountsCreateWithAccountIdPrintsKeysThatAreStored(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute("aws-emulator", "accounts", "create", "--account-id", "210987654321",
                    "--data", dir.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(printed).contains("Account ID:        210987654321").containsPattern("Access key ID:\\s+AKIA[A-Z2-7]{16}");
        String keyId = printed.replaceAll("(?s).*Access key ID:\\s+(\\S+).*", "$1");
        try (Database db = Database.open(Database.h2FileUrl(dir, "aws-emulator"), "emulator")) {
            assertThat(new AccountStore(db.jdbi(), Clock.systemUTC(), new RandomIds(new SecureRandom())).findRoot(keyId))
                    .map(RootCredential::accountId).hasValue("210987654321");
        }
    }

    @Test
    void accountsCreateWithBadAccountIdFails(@TempDir Path dir) {
        int code = new CommandLine(new Main()).execute("aws-emulator", "accounts", "create", "--account-id", "12", "--data", dir.toString());
        assertThat(code).isNotZero();
    }
}
