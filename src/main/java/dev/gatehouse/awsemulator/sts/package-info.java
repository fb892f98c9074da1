/**
 * The emulator's STS: AssumeRoleWithSAML (the spec's §9 checklist, trust-policy evaluation, temporary
 * credentials kept in the emulator database), GetCallerIdentity, and the console sign-in's decisions
 * ({@code ConsoleSignIn}: role pairs, the chooser, the session's length). Never HTTP types.
 */
package dev.gatehouse.awsemulator.sts;
