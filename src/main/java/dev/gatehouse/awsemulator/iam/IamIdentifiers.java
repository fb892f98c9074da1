package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.ids.RandomIds;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The clock and the random source shared by IAM's operations: creation times and the random part of entity IDs.
 * One instance so that tests that fix the clock or the random source fix them for every kind of entity.
 */
final class IamIdentifiers {
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Clock clock;
    private final RandomIds random;

    IamIdentifiers(Clock clock, RandomIds random) {
        this.clock = clock;
        this.random = random;
    }

    /** Whole seconds, since IAM reports creation dates without fractions. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    String randomId(int length) {
        return random.fromAlphabet(ID_ALPHABET, length);
    }
}
