/**
 * Accounts, their root access keys and request authentication: the credential records, the resolver interface
 * other features plug session keys into, and the AWS Signature Version 4 verifier. May import
 * {@code awsemulator.query} (for AwsError) and {@code dev.gatehouse.storage}.
 */
package dev.gatehouse.awsemulator.account;
