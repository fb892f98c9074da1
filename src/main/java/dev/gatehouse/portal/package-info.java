/**
 * The access portal's home: the tiles of the applications assigned to the signed-in user (launches are the
 * identity provider's), or the sign-in form for visitors. May import apps, directory, signin (its sign-in page)
 * and web.
 */
package dev.gatehouse.portal;
