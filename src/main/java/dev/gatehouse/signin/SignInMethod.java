package dev.gatehouse.signin;

/**
 * How a session's user signed in, as recorded with the session and the audit entry: {@code password}, the
 * password followed by one second factor ({@code password+totp}, {@code password+recovery-code},
 * {@code password+passkey}), or a passkey alone ({@code passkey}).
 *
 * <p>Assertions report it as their AuthnContextClassRef, so a service provider can require multi-factor sign-in:
 * <ul>
 *   <li>the password alone is SAML's {@value #PASSWORD_PROTECTED_TRANSPORT} (the password travelled over TLS);</li>
 *   <li>the password plus any second factor is the REFEDS MFA profile, {@value #REFEDS_MFA}, the class URI service
 *       providers ask for when they require two independent factors. A recovery code counts: NIST SP 800-63B
 *       treats a one-time look-up secret as a second factor. Which factor it was stays in the session and the
 *       audit log.</li>
 *   <li>a passkey alone ({@code passkey}, passwordless) is also {@value #REFEDS_MFA}: the passkey is a possession
 *       factor, and passwordless sign-in requires the authenticator to have verified the user (PIN or biometric),
 *       the second factor, before it signs.</li>
 * </ul>
 *
 * @param name the steps joined by {@code +}: {@code password}, or {@code password+FACTOR} where FACTOR is a second
 *             factor's {@code name()}; or {@code passkey}
 */
public record SignInMethod(String name) {
    public static final String PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    public static final String REFEDS_MFA = "https://refeds.org/profile/mfa";
    public static final SignInMethod PASSWORD = new SignInMethod("password");
    /** Passwordless: a discoverable passkey whose authenticator verified the user. */
    public static final SignInMethod PASSKEY = new SignInMethod("passkey");
    private static final String AND = "+";

    public SignInMethod {
        if (name == null || name.length() > 64 || !name.matches("[a-z][a-z0-9-]*(\\+[a-z][a-z0-9-]*)*")) {
            throw new IllegalArgumentException("not a sign-in method: " + name);
        }
    }

    /** The password, then the second factor called {@code factorName}. */
    public static SignInMethod passwordAnd(String factorName) {
        return new SignInMethod(PASSWORD.name + AND + factorName);
    }

    /** A stored method; sessions from before methods were recorded count as password-only. */
    static SignInMethod fromName(String stored) {
        return stored == null ? PASSWORD : new SignInMethod(stored);
    }

    public boolean multiFactor() {
        return name.contains(AND) || name.equals(PASSKEY.name);
    }

    /** The SAML authentication context class this method satisfies. */
    public String authnContextClassRef() {
        return multiFactor() ? REFEDS_MFA : PASSWORD_PROTECTED_TRANSPORT;
    }
}
