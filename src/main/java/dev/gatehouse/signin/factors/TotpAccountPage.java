package dev.gatehouse.signin.factors;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The signed-in user's two-step sign-in page.
 *
 * @param status            {@code NONE}, {@code PENDING} or {@code ON}
 * @param secret            the base32 secret to type in, while pending
 * @param secretGroups      the same secret in groups of four, for reading aloud or typing
 * @param qrDataUri         the secret's QR code, while pending
 * @param recoveryCodes     the codes just issued (shown this once), or empty
 * @param recoveryCodesLeft unused recovery codes, when on
 * @param required          whether the user is an administrator who must enrol before using the console
 * @param error             what went wrong with the last form, or {@code null}
 */
public record TotpAccountPage(Chrome chrome, String csrfToken, String status, String secret, String secretGroups,
                             String qrDataUri, List<String> recoveryCodes, int recoveryCodesLeft, boolean required,
                             String error) {
}
