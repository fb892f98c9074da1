/**
 * The emulated AWS Management Console's sessions, sign-in, CSRF and the IAM console pages. May import
 * {@code awsemulator.account}, {@code awsemulator.iam}, {@code awsemulator.query} (AwsError) and web plumbing
 * ({@code WebServer}, {@code Views}, {@code Chrome}, {@code HttpError}).
 */
package dev.gatehouse.awsemulator.console;
