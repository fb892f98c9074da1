/**
 * The emulated AWS Management Console's sessions, root sign-in, CSRF and the IAM console pages for the guide's
 * steps by hand. The guard and the handlers share request state through {@code ConsoleRequest}, never by calling
 * one another.
 */
package dev.gatehouse.awsemulator.console;
