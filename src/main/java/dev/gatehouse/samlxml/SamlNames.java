package dev.gatehouse.samlxml;

/** The namespace and identifier URIs of SAML 2.0 and XML Signature that both sides of Gatehouse speak. */
public final class SamlNames {
    private SamlNames() {
    }

    public static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    public static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    public static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    public static final String XS_NS = "http://www.w3.org/2001/XMLSchema";
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    public static final String STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public static final String STATUS_REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    public static final String CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public static final String AC_PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    public static final String NAMEID_ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
    public static final String NAMEID_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    public static final String NAMEID_TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    public static final String NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    public static final String NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    public static final String ATTRNAME_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified";
    public static final String ATTRNAME_BASIC = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";
    public static final String ATTRNAME_URI = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    public static final String BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public static final String BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
}
