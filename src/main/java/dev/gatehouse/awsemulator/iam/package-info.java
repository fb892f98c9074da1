/**
 * IAM as the emulator keeps it: SAML providers, customer-managed policies, roles and their attachments, ARNs,
 * and the policy grammar. No HTTP here ({@code IamQueryOperations} adapts it to the Query API). May import
 * {@code awsemulator.query} (AwsError, operation interface), {@code dev.gatehouse.storage} and
 * {@code dev.gatehouse.samlxml}.
 */
package dev.gatehouse.awsemulator.iam;
