/**
 * Accounts, their root access keys and request authentication: the credential records, the resolver interface
 * STS plugs session keys into, and AWS Signature Version 4 verification ({@code SigV4Verifier}, the emulator's
 * {@code RequestAuthenticator}).
 */
package dev.gatehouse.awsemulator.account;
