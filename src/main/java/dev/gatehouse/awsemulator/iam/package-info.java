/**
 * IAM as the emulator keeps it: SAML providers, customer-managed policies, roles and their attachments, and the
 * policy grammar. No HTTP here ({@code IamQueryOperations} adapts it to the Query API).
 */
package dev.gatehouse.awsemulator.iam;
