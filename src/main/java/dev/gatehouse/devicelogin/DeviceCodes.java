package dev.gatehouse.devicelogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The shapes of the grant's codes. The user code uses RFC 8628 §6.1's 20 consonants (no vowels, so no words; no
 * look-alikes), 8 of them (20^8, about 34 bits), shown as XXXX-XXXX; typing is forgiving about case, spaces and dashes.
 */
final class DeviceCodes {
    static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int USER_CODE_LENGTH = 8;
    static final String CLIENT_ID = "gatehouse-cli";
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** Prefix of access tokens, so the bearer-token check knows which store to ask without a lookup. */
    static final String ACCESS_PREFIX = "gha_";
    static final String REFRESH_PREFIX = "ghr_";

    private DeviceCodes() {
    }

    /** The typed code in its canonical 8-letter form, or empty when it cannot be a user code at all. */
    static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            if (USER_CODE_ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            b.append(c);
        }
        return b.length() == USER_CODE_LENGTH ? Optional.of(b.toString()) : Optional.empty();
    }

    /** XXXX-XXXX, as shown to the user. */
    static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A header value as stored and shown: control characters dropped, bounded length. */
    static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
