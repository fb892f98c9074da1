/**
 * The emulated AWS console sign-in endpoint ({@code POST /saml}): reads the form, asks {@code sts.ConsoleSignIn},
 * renders the role chooser or AWS's error page, and shows the federated console home page.
 */
package dev.gatehouse.awsemulator.signin;
