package dev.gatehouse.awsemulator.core;

/** Who made a signed call, as GetCallerIdentity reports it. */
public record CallerIdentity(String accountId, String arn, String userId) {
}
