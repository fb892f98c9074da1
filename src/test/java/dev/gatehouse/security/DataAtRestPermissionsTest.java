package dev.gatehouse.security;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.awsemulator.EmulatorConfig;
import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.identitycenter.IdentityCenter;
import dev.gatehouse.identitycenter.IdentityCenterConfig;
import dev.gatehouse.keys.MasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both products keep their data directory to its owner: the directory {@code 0700}, its files (H2 database, master
 * key) {@code 0600}, whatever the process umask. The directories here do not exist before start, so the products
 * create them; an existing one with looser modes is tightened.
 */
class DataAtRestPermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void identityCenterCreatesItsDataDirectory0700AndItsFiles0600() throws IOException {
        Path data = tmp.resolve("identity-center");
        try (IdentityCenter ignored = IdentityCenter.start(IdentityCenterConfig.of(0, data, null, null))) {
            assertPrivate(data, "gatehouse.mv.db");
        }
    }

    @Test
    void identityCenterTightensAMasterKeyFileAnEarlierVersionLeftReadableByOthers() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("upgraded"));
        Path key = data.resolve(MasterKey.FILE_NAME);
        Files.writeString(key, MasterKey.newEncodedKey(new SecureRandom()) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        try (IdentityCenter ignored = IdentityCenter.start(IdentityCenterConfig.of(0, data, null, null))) {
            assertPrivate(data, MasterKey.FILE_NAME);
        }
    }

    @Test
    void emulatorTightensAnExistingDataDirectoryAndCreatesItsFiles0600() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("aws-emulator"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (AwsEmulator ignored = AwsEmulator.start(EmulatorConfig.of(0, data, null, null, List.of(TestAwsEmulator.ROOT)))) {
            assertPrivate(data, "aws-emulator.mv.db");
        }
    }

    private static void assertPrivate(Path data, String databaseFile) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).contains(databaseFile);
            for (Path file : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                        .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
            }
        }
    }
}
