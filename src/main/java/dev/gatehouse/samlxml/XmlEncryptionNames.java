package dev.gatehouse.samlxml;

import java.util.Set;

/**
 * The XML Encryption algorithms of encrypted assertions. AWS documents only the content algorithm ("AES-GCM or
 * AES-CBC"); the key transport is RSA-OAEP, because RSA PKCS#1 v1.5 key transport is the padding oracle of
 * Jager–Somorovsky ("One Bad Apple", 2012) and is refused on receipt.
 */
public final class XmlEncryptionNames {
    public static final String XENC_NS = "http://www.w3.org/2001/04/xmlenc#";
    public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public static final String TYPE_ELEMENT = "http://www.w3.org/2001/04/xmlenc#Element";

    /** Content encryption accepted on receipt: the AES-GCM and AES-CBC AWS names, nothing else (no 3DES). */
    static final Set<String> CONTENT = Set.of(AES256_GCM, "http://www.w3.org/2009/xmlenc11#aes128-gcm",
            "http://www.w3.org/2009/xmlenc11#aes192-gcm", "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
            "http://www.w3.org/2001/04/xmlenc#aes192-cbc", "http://www.w3.org/2001/04/xmlenc#aes256-cbc");
    /** Key transport accepted on receipt: RSA-OAEP only. */
    static final Set<String> KEY_TRANSPORT = Set.of(RSA_OAEP_MGF1P, "http://www.w3.org/2009/xmlenc11#rsa-oaep");

    private XmlEncryptionNames() {
    }
}
