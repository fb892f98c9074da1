package dev.gatehouse.idp;

import java.time.Instant;

/**
 * How and when the user proved who they are, as the assertion's AuthnStatement reports it (SAML Core §2.7.2).
 *
 * @param instant           when the user completed sign-in (AuthnInstant), not when the assertion is made
 * @param contextClassRef   the authentication context class the sign-in satisfied (AuthnContextClassRef)
 */
public record Authentication(Instant instant, String contextClassRef) {
}
