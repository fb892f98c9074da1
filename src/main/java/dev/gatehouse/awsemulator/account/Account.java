package dev.gatehouse.awsemulator.account;

import java.time.Instant;

/** An emulated AWS account, identified by its 12-digit id. */
public record Account(String accountId, Instant createdAt) {
}
