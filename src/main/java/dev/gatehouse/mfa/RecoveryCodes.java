package dev.gatehouse.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One-time recovery codes: ten of them, each {@code xxxxx-xxxxx} in lower-case base32 (50 random bits). */
final class RecoveryCodes {
    static final int COUNT = 10;

    private RecoveryCodes() {
    }

    static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bytes = new byte[7];
            random.nextBytes(bytes);
            String text = Base32.encode(bytes).substring(0, 10).toLowerCase(Locale.ROOT);
            codes.add(text.substring(0, 5) + "-" + text.substring(5));
        }
        return codes;
    }

    /** Whether {@code typed} has the shape of a recovery code rather than a TOTP code. */
    static boolean looksLikeOne(String typed) {
        return typed != null && normalise(typed).length() == 10;
    }

    /** What is hashed and compared: case, spaces and the dash do not matter to the person typing it. */
    static String normalise(String typed) {
        return typed.replace("-", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
    }
}
