package dev.gatehouse.idp;

/**
 * The SAML HTTP-POST binding's delivery (Bindings §3.5): a form posting the base64 response to the ACS.
 *
 * @param relayState {@code null} when the application has none
 * @param appName    shown to people whose browser does not run the auto-submit script
 * @param scriptNonce the CSP nonce that lets the one auto-submit script run
 */
public record PostBinding(String acsUrl, String samlResponse, String relayState, String appName, String scriptNonce) {
}
