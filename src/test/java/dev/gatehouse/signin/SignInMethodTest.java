package dev.gatehouse.signin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AuthnContextClassRef each sign-in method reports, as the architecture's table lists it. */
class SignInMethodTest {
    @Test
    void thePasswordAloneIsPasswordProtectedTransport() {
        assertThat(SignInMethod.PASSWORD.authnContextClassRef()).isEqualTo(SignInMethod.PASSWORD_PROTECTED_TRANSPORT);
        assertThat(SignInMethod.fromName(null)).isEqualTo(SignInMethod.PASSWORD);
    }

    @Test
    void aSecondFactorOrAPasskeyAloneIsRefedsMfa() {
        for (SignInMethod method : new SignInMethod[]{SignInMethod.passwordAnd("totp"), SignInMethod.passwordAnd("recovery-code"),
                SignInMethod.passwordAnd("passkey"), SignInMethod.PASSKEY, SignInMethod.fromName("passkey")}) {
            assertThat(method.multiFactor()).as(method.name()).isTrue();
            assertThat(method.authnContextClassRef()).as(method.name()).isEqualTo(SignInMethod.REFEDS_MFA);
        }
        assertThat(SignInMethod.passwordAnd("passkey").name()).isEqualTo("password+passkey");
    }

    @Test
    void aStoredNameMustBeWellFormed() {
        assertThatThrownBy(() -> SignInMethod.fromName("passkey+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignInMethod.fromName("Passkey")).isInstanceOf(IllegalArgumentException.class);
    }
}
