/**
 * CloudTrail for the emulated account: every management event (IAM and STS calls, the console's SAML sign-in as
 * {@code AssumeRoleWithSAML} and {@code ConsoleLogin}, {@code LookupEvents} itself) kept as a CloudTrail record in
 * AWS's shape for 90 days, and read back with {@code LookupEvents} over the JSON 1.1 protocol.
 */
package dev.gatehouse.awsemulator.cloudtrail;
