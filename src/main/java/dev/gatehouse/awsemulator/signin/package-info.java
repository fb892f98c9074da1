/**
 * The emulated AWS console sign-in endpoint ({@code POST /saml}, the role chooser) and the federated console home
 * page. May import {@code awsemulator.sts}, {@code awsemulator.iam}, {@code awsemulator.console},
 * {@code awsemulator.query} (errors), {@code dev.gatehouse.samlxml} and {@code dev.gatehouse.web} (views, chrome).
 */
package dev.gatehouse.awsemulator.signin;
