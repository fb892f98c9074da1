package dev.gatehouse.signin.factors;

import dev.gatehouse.ids.RandomIds;
import org.apache.commons.codec.binary.Base32;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One-time recovery codes: ten of them, each {@code xxxxx-xxxxx} in lower-case base32 (50 random bits). */
final class RecoveryCodes {
    static final int COUNT = 10;

    private RecoveryCodes() {
    }

    static List<String> generate(RandomIds ids) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String text = new Base32().encodeToString(ids.bytes(7)).substring(0, 10).toLowerCase(Locale.ROOT);
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
