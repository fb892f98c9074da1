/**
 * The emulator's STS: AssumeRoleWithSAML (the spec's §9 checklist, trust-policy evaluation, temporary
 * credentials kept in the emulator database) and GetCallerIdentity. May import {@code awsemulator.iam},
 * {@code awsemulator.account}, {@code awsemulator.query}, {@code dev.gatehouse.samlxml} and
 * {@code dev.gatehouse.storage}; never HTTP types.
 */
package dev.gatehouse.awsemulator.sts;
