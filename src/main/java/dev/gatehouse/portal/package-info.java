/**
 * The access portal: sign-in, the list of assigned applications, sign-out. May import idp, apps, directory,
 * audit and web.
 */
package dev.gatehouse.portal;
