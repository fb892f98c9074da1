/**
 * What every emulator room shares and nothing else: AWS's error model ({@code AwsError}), the caller's identity,
 * the signed request and the authenticator interface the Query API asks, ARN grammar, access-key shapes, and the
 * emulator's own copy of AWS's SAML rules ({@code AwsSamlRules}). The copy is separate from the identity center's
 * on purpose: the emulator is the identity center's independent judge, and shared code would share its bugs.
 */
package dev.gatehouse.awsemulator.core;
