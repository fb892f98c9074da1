/**
 * AWS roles for the command line and the portal's access keys: which (account, role) pairs a user may use
 * ({@link dev.gatehouse.awsaccess.AwsRoleSource}), a freshly signed assertion for exactly one of them for the
 * {@code gatehouse aws} CLI, and temporary keys bought from STS for the portal's "Command line or programmatic access".
 */
package dev.gatehouse.awsaccess;
