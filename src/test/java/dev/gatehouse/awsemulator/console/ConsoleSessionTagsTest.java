package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.storage.Database;
import dev.gatehouse.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federated console session's tags live with the session in the database: a second node (its own
 * {@link ConsoleSessions} over the same database) shows them, in key order; a session without tags has none; on H2
 * and PostgreSQL.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ConsoleSessionTagsTest {
    @Parameter
    TestDatabase.Kind database;

    private TestAwsEmulator aws;

    @BeforeEach
    void start() {
        aws = TestAwsEmulator.start(database);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void anotherNodeShowsTheSessionTags() {
        ConsoleSessions signedInOn = new ConsoleSessions(aws.emulator().database().jdbi(), Clock.systemUTC(), new RandomIds(new SecureRandom()));
        try (Database secondNode = Database.open(aws.database().url(), "emulator")) {
            check(signedInOn, new ConsoleSessions(secondNode.jdbi(), Clock.systemUTC(), new RandomIds(new SecureRandom())));
        }
    }

    private static void check(ConsoleSessions signedInOn, ConsoleSessions servedBy) {
        String arn = "arn:aws:sts::" + TestAwsEmulator.ACCOUNT_ID + ":assumed-role/Reader/alice";
        String tagged = signedInOn.create(new ConsoleSessions.ConsoleSession(null, TestAwsEmulator.ACCOUNT_ID,
                ConsoleSessions.Kind.FEDERATED, arn, "Reader", "alice", "alice", Map.of("team", "blue \"core\"", "cost-center", "42"),
                Clock.systemUTC().instant().plusSeconds(3600), null));
        String plain = signedInOn.create(new ConsoleSessions.ConsoleSession(null, TestAwsEmulator.ACCOUNT_ID,
                ConsoleSessions.Kind.FEDERATED, arn, "Reader", "alice", null, Map.of(), Clock.systemUTC().instant().plusSeconds(3600), null));

        Map<String, String> tags = servedBy.find(tagged).orElseThrow().sessionTags();
        assertThat(tags).containsExactly(Map.entry("cost-center", "42"), Map.entry("team", "blue \"core\""));
        assertThat(servedBy.find(plain).orElseThrow().sessionTags()).isEmpty();
    }
}
