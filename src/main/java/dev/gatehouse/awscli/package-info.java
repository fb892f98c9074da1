/**
 * The {@code gatehouse aws} client on the user's machine: device sign-in from the terminal, the token and
 * credential cache, STS AssumeRoleWithSAML called from here (AWS credentials never pass through Gatehouse),
 * {@code credential_process} output and AWS CLI profiles. It loads no server class, so the AWS CLI's
 * {@code credential_process} call on every command stays fast.
 */
package dev.gatehouse.awscli;
